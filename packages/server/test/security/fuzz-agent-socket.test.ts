import {
  type AgentClientFrame,
  agentClientFrameSchema,
  agentServerFrameSchema,
  type ChatMessage,
} from '@beckon/protocol';
import { login } from '@beckon/test-kit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, password, startHarness } from '../harness.ts';
import { type Acks, type ChatFixture, openChat, transcriptProblems } from './fuzz-chat.ts';
import { type Exchange, FrameProbe } from './fuzz-frame-probe.ts';
import { capturedLogger } from './fuzz-logger.ts';
import { fail, pingProblems, socketProblems } from './fuzz-properties.ts';
import { frameFields, fuzzOptions, nested, type SocketInput, socketInput } from './fuzz-values.ts';

const log = capturedLogger();
let h: Harness;
let chat: ChatFixture;
const cookies: Record<'agent' | 'admin', string> = { agent: '', admin: '' };
let queueId: string;

beforeAll(async () => {
  h = await startHarness({ logger: log.logger });
  chat = await openChat(h);
  cookies.agent = await login(h.url, 'agent@beckon.local', password);
  cookies.admin = await login(h.url, 'admin@beckon.local', password);
  queueId = (await h.node.store.listQueues())[0]!.id;
});
afterAll(async () => {
  await chat?.visitorSocket.close();
  await chat?.agentSocket.close();
  await h?.close();
});

/** One valid frame of every agent frame type, aimed at the fixture's conversation and offer. */
function examples(): Record<AgentClientFrame['type'], Record<string, unknown>> {
  const conversationId = chat.conversationId;
  return {
    'presence.set': { type: 'presence.set', status: 'available' },
    'offer.accept': { type: 'offer.accept', offerId: chat.offerId },
    'offer.reject': { type: 'offer.reject', offerId: chat.offerId },
    'message.send': {
      type: 'message.send',
      conversationId,
      clientMsgId: 'fuzz-agent',
      text: 'Hello from the fuzzer',
    },
    'conversation.end': { type: 'conversation.end', conversationId },
    'conversation.sync': { type: 'conversation.sync', conversationId, afterSeq: 0 },
    ping: { type: 'ping' },
    typing: { type: 'typing', conversationId, typing: true },
    'conversation.transfer': {
      type: 'conversation.transfer',
      conversationId,
      target: { kind: 'queue', queueId },
    },
    'conversation.wrapUp': { type: 'conversation.wrapUp', conversationId, outcome: 'resolved', notes: 'ok' },
    'conversation.join': { type: 'conversation.join', conversationId },
    'conversation.read': { type: 'conversation.read', conversationId, seq: 1 },
    'visitors.watch': {
      type: 'visitors.watch',
      filter: { pageContains: 'pricing' },
      sort: 'pages',
      limit: 10,
    },
    'visitors.unwatch': { type: 'visitors.unwatch' },
    'visitor.invite': { type: 'visitor.invite', visitorId: 'vis_fuzz', message: 'Hello there' },
    'visitor.invitation.withdraw': { type: 'visitor.invitation.withdraw', invitationId: 'inv_fuzz' },
  };
}

function parsedFrame(input: SocketInput): AgentClientFrame | undefined {
  if (input.kind !== 'text') return undefined;
  try {
    const parsed = agentClientFrameSchema.safeParse(JSON.parse(input.data));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function recordAcks(input: SocketInput, exchange: Exchange, acks: Acks): void {
  const frame = parsedFrame(input);
  if (frame?.type !== 'message.send') return;
  for (const { frame: answer } of exchange.answers) {
    const ack = answer as { type: string; messageId: string; seq: number; clientMsgId: string };
    if (ack.type !== 'message.ack' || ack.clientMsgId !== frame.clientMsgId) continue;
    if (!acks.some((known) => known.messageId === ack.messageId))
      acks.push({ messageId: ack.messageId, seq: ack.seq, text: frame.text });
  }
}

/**
 * Transcripts the node sends for the fixture's conversation (sync answers, a supervisor's watch) start unchanged;
 * a sync answer starts with the fixture's messages after the asked `afterSeq`.
 */
function transcriptFrameProblems(input: SocketInput, exchange: Exchange): string[] {
  const problems: string[] = [];
  const asked = parsedFrame(input);
  const afterSeq =
    asked?.type === 'conversation.sync' && typeof asked.afterSeq === 'number' ? asked.afterSeq : -1;
  for (const { frame } of exchange.answers) {
    const f = frame as {
      type: string;
      conversationId?: string;
      messages?: ChatMessage[];
      conversation?: { id: string; messages?: ChatMessage[] };
    };
    const messages =
      f.type === 'messages' && f.conversationId === chat.conversationId
        ? f.messages
        : f.type === 'conversation.watching' && f.conversation?.id === chat.conversationId
          ? f.conversation.messages
          : undefined;
    if (!messages) continue;
    const expected =
      f.type === 'messages' ? chat.transcript.filter((m) => m.seq > afterSeq) : chat.transcript;
    if (JSON.stringify(messages.slice(0, expected.length)) !== JSON.stringify(expected))
      problems.push(`${f.type} lists other messages: ${JSON.stringify(messages).slice(0, 500)}`);
  }
  return problems;
}

async function connect(who: 'agent' | 'admin'): Promise<FrameProbe> {
  const probe = await FrameProbe.connect(`${h.wsUrl}/v1/agent`, { cookie: cookies[who], origin: h.url });
  await probe.first('agent.state');
  return probe;
}

describe('agent socket under hostile frames', () => {
  it('has a valid example of every frame type the schema knows', () => {
    const all = examples();
    expect(Object.keys(all).sort()).toEqual([...frameFields(agentClientFrameSchema).keys()].sort());
    for (const frame of Object.values(all)) expect(agentClientFrameSchema.parse(frame)).toBeTruthy();
  });

  it('answers every frame with documented frames, stays open, logs no error and keeps the transcript', async () => {
    const fields = frameFields(agentClientFrameSchema);
    const acks: Acks = [];
    const inputs = fc.array(socketInput(examples(), fields), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('agent' as const, 'admin' as const), inputs, async (who, sequence) => {
        const probe = await connect(who);
        try {
          for (const input of sequence) {
            const readsAsPing = parsedFrame(input)?.type === 'ping';
            const exchange = await probe.exchange(input, readsAsPing);
            fail(
              [
                ...socketProblems(input, exchange, agentServerFrameSchema),
                ...pingProblems(readsAsPing, exchange),
                ...transcriptFrameProblems(input, exchange),
              ],
              input,
            );
            recordAcks(input, exchange, acks);
            if (exchange.closed) break;
          }
          expect(log.errors()).toEqual([]);
          expect(await transcriptProblems(h, chat, acks)).toEqual([]);
          expect(chat.agentSocket.isOpen).toBe(true);
          expect(chat.visitorSocket.isOpen).toBe(true);
        } finally {
          await probe.close();
        }
      }),
      fuzzOptions(60),
    );
    for (const frame of chat.agentSocket.frames)
      expect(agentServerFrameSchema.safeParse(frame).success).toBe(true);
    const health = await fetch(`${h.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('answers a ping the schema accepts but the frame checks refuse with one error frame, not a pong', async () => {
    // Zod drops unknown keys, so this reads as a ping; nested past the limit, the node refuses it before parsing.
    const probe = await connect('agent');
    try {
      const input: SocketInput = { kind: 'text', data: JSON.stringify({ type: 'ping', extra: nested(20) }) };
      expect(parsedFrame(input)?.type).toBe('ping');
      const exchange = await probe.exchange(input, true);
      expect(exchange.answers.map((a) => a.frame)).toMatchObject([
        { type: 'error', code: 'PAYLOAD_TOO_LARGE' },
      ]);
      expect(pingProblems(true, exchange)).toEqual([]);
    } finally {
      await probe.close();
    }
  });

  it('answers an unknown type of 10^4 characters with an error frame under 16 KB', async () => {
    const probe = await connect('admin');
    try {
      const input: SocketInput = { kind: 'text', data: JSON.stringify({ type: 'x'.repeat(10_000) }) };
      const exchange = await probe.exchange(input, false);
      expect(exchange.answers.length).toBeGreaterThan(0);
      expect(socketProblems(input, exchange, agentServerFrameSchema)).toEqual([]);
    } finally {
      await probe.close();
    }
  });
});
