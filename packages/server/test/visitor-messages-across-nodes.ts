import type { AgentServerFrame } from '@beckon/protocol';
import type { TestSocket } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RandomIds } from '../src/adapters/ids/random-ids.ts';
import { MemoryBus } from '../src/adapters/memory-bus/memory-bus.ts';
import { createServices, type Services } from '../src/domain/services.ts';
import { agent, type Harness, visitor } from './harness.ts';

/**
 * The visitor's socket is on this node; the chat changes on another one. A node that kept the visitor's open
 * conversation instead of asking the store at each message would store the next message in a chat that has
 * ended, or show it to the agent who no longer has it.
 *
 * Run on SQLite (test/) and on PostgreSQL (test-scale/).
 */
export function describeVisitorMessagesAcrossNodes(store: string, start: () => Promise<Harness>): void {
  let h: Harness;
  /** A second node on the same database with a bus of its own: nothing it does is told to the first node. */
  let other: Services;
  beforeEach(async () => {
    h = await start();
    other = createServices({
      store: h.node.store,
      bus: new MemoryBus({ onHandlerError: () => {} }),
      clock: h.clock,
      ids: new RandomIds(),
      geo: h.node.services.geo,
      onDeadlineError: () => {},
    });
  });
  afterEach(async () => {
    await h.close();
  });

  async function activeChat(a: TestSocket<AgentServerFrame>) {
    await h.clock.advance(1000);
    const v = await visitor(h);
    v.send({ type: 'chat.start' });
    const { offer } = await a.next('offer.new');
    a.send({ type: 'offer.accept', offerId: offer.id });
    await a.next('conversation.opened', (f) => f.conversation.id === offer.conversationId);
    await v.next('conversation.update', (f) => f.conversation.status === 'active');
    // A first message relayed: anything this node kept about the chat would be in place now.
    v.send({ type: 'message.send', clientMsgId: 'before', text: 'before' });
    await v.next('message.ack', (f) => f.clientMsgId === 'before');
    await a.next('message', (f) => f.message.text === 'before');
    return { v, conversationId: offer.conversationId };
  }

  const agentRow = async (email: string) => (await h.node.store.findUserByEmail(email))!;

  describe(`a visitor message goes where the store says, whatever another node did (${store})`, () => {
    it('is refused after the chat ended on another node, and nothing is stored', async () => {
      const a = await agent(h);
      const { v, conversationId } = await activeChat(a);
      await other.conversations.endByAgent(await agentRow('agent@beckon.local'), conversationId);
      v.send({ type: 'message.send', clientMsgId: 'after', text: 'after the end' });
      expect((await v.next('error')).code).toBe('NO_CHAT_OPEN');
      expect(v.all('message.ack').map((f) => f.clientMsgId)).toEqual(['before']);
      const stored = await h.node.store.listMessages(conversationId, 0);
      expect(stored.map((m) => m.text)).not.toContain('after the end');
      await Promise.all([a.close(), v.close()]);
    });

    it('goes to the chat opened since on another node, not to the ended one', async () => {
      const a = await agent(h);
      const { v, conversationId } = await activeChat(a);
      const ended = (await h.node.store.getConversation(conversationId))!;
      await other.conversations.endByAgent(await agentRow('agent@beckon.local'), conversationId);
      await h.clock.advance(1000);
      const reopened = await h.node.store.createConversation({
        ...ended,
        id: 'cnv_opened_elsewhere',
        status: 'waiting',
        agentId: undefined,
        acceptedAt: undefined,
        endedAt: undefined,
        lastSeq: 0,
        createdAt: h.clock.now(),
      });
      expect(reopened.id).toBe('cnv_opened_elsewhere');
      v.send({ type: 'message.send', clientMsgId: 'again', text: 'in the new chat' });
      const ack = await v.next('message.ack', (f) => f.clientMsgId === 'again');
      expect(await h.node.store.listMessages('cnv_opened_elsewhere', 0)).toMatchObject([
        { id: ack.messageId, seq: 1, text: 'in the new chat' },
      ]);
      expect((await h.node.store.listMessages(conversationId, 0)).map((m) => m.text)).not.toContain(
        'in the new chat',
      );
      await Promise.all([a.close(), v.close()]);
    });

    it('reaches the agent it was transferred to on another node, not the one who had it', async () => {
      const a = await agent(h);
      // Offline until the first agent has the chat, so the offer cannot go to the second.
      const b = await agent(h, 'agent2@beckon.local', 'offline');
      const { v, conversationId } = await activeChat(a);
      b.send({ type: 'presence.set', status: 'available' });
      await b.next('presence', (f) => f.status === 'available');
      const to = await agentRow('agent2@beckon.local');
      await other.handoff.transfer(await agentRow('agent@beckon.local'), conversationId, {
        kind: 'agent',
        agentId: to.id,
      });
      v.send({ type: 'message.send', clientMsgId: 'moved', text: 'for the new agent' });
      await b.next('message', (f) => f.message.text === 'for the new agent');
      // Both copies leave in one fan-out: a round trip on the first agent's socket comes after its copy, if any.
      a.send({ type: 'ping' });
      await a.next('pong');
      expect(a.all('message').map((f) => f.message.text)).not.toContain('for the new agent');
      await Promise.all([a.close(), b.close(), v.close()]);
    });
  });
}
