import type { AgentServerFrame, ChatMessage, VisitorServerFrame } from '@beckon/protocol';
import type { TestSocket } from '@beckon/test-kit';
import { agent, type Harness, visitor } from '../harness.ts';

/** A conversation between the demo visitor and agent@beckon.local, with a few messages each way. */
export interface ChatFixture {
  visitorSocket: TestSocket<VisitorServerFrame>;
  agentSocket: TestSocket<AgentServerFrame>;
  visitorId: string;
  conversationId: string;
  offerId: string;
  /** The transcript as stored before any fuzzing. */
  transcript: ChatMessage[];
}

export async function openChat(h: Harness): Promise<ChatFixture> {
  const agentSocket = await agent(h);
  const visitorSocket = await visitor(h);
  const { visitorId } = visitorSocket.all('welcome')[0]!;
  visitorSocket.send({ type: 'chat.start' });
  const { conversation } = await visitorSocket.next('conversation.update');
  const { offer } = await agentSocket.next('offer.new');
  agentSocket.send({ type: 'offer.accept', offerId: offer.id });
  await agentSocket.next('conversation.opened');
  for (let i = 1; i <= 3; i++) {
    visitorSocket.send({ type: 'message.send', clientMsgId: `v${i}`, text: `Visitor line ${i} — é 🙂` });
    await visitorSocket.next('message.ack');
    agentSocket.send({
      type: 'message.send',
      conversationId: conversation.id,
      clientMsgId: `a${i}`,
      text: `Agent line ${i} <b>not bold</b>`,
    });
    await agentSocket.next('message.ack');
  }
  const transcript = await h.node.store.listMessages(conversation.id, 0);
  return {
    visitorSocket,
    agentSocket,
    visitorId,
    conversationId: conversation.id,
    offerId: offer.id,
    transcript,
  };
}

/** Message ids and texts the fuzzer had acknowledged, in the order of their acks. */
export type Acks = { messageId: string; seq: number; text: string }[];

/**
 * The transcript still starts with exactly the messages stored before fuzzing, and anything after them is a
 * message the fuzzer was acknowledged for, with its text unchanged, in the order of the acks (or a note of the
 * node's own).
 */
export async function transcriptProblems(h: Harness, chat: ChatFixture, acks: Acks): Promise<string[]> {
  const now = await h.node.store.listMessages(chat.conversationId, 0);
  const problems: string[] = [];
  const before = now.slice(0, chat.transcript.length);
  if (JSON.stringify(before) !== JSON.stringify(chat.transcript))
    problems.push(`stored messages changed: ${JSON.stringify(before)}`);
  const acked = new Map(acks.map((ack) => [ack.messageId, ack]));
  let lastAck = -1;
  for (const message of now.slice(chat.transcript.length)) {
    // The node's own notes (the chat ended, was transferred) follow what the fuzzer was allowed to do.
    if (message.author === 'system') continue;
    const ack = acked.get(message.id);
    if (!ack || ack.text !== message.text || ack.seq !== message.seq) {
      problems.push(`message not sent by the fuzzer or altered: ${JSON.stringify(message)}`);
      continue;
    }
    const order = acks.indexOf(ack);
    if (order < lastAck) problems.push(`message stored out of ack order: ${JSON.stringify(message)}`);
    lastAck = order;
  }
  const seqs = now.map((m) => m.seq);
  if (seqs.some((seq, i) => seq !== i + 1)) problems.push(`sequence numbers have gaps: ${seqs.join(',')}`);
  return problems;
}
