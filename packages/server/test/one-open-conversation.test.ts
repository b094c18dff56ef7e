import type { AgentServerFrame } from '@beckon/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agent, type Harness, startHarness, visitor } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/**
 * On one SQLite node each start runs to completion between two socket reads (better-sqlite3 answers without
 * yielding to the event loop), so these tabs never race: this checks what the tabs and the agent see. The race
 * itself (PostgreSQL, one node or two) is in test-scale/one-open-conversation.test.ts and the store contract.
 */
describe('one open conversation per visitor', () => {
  it('tabs of one visitor starting a chat at once all get the same conversation, offered once', async () => {
    const a = await agent(h);
    const first = await visitor(h);
    const visitorId = first.all('welcome')[0]!.visitorId;
    const tabs = [first, ...(await Promise.all([1, 2, 3].map(() => visitor(h, undefined, { visitorId }))))];
    for (const tab of tabs) tab.send({ type: 'chat.start' });
    // A socket's frames are handled in order: the pong comes after its chat.start was handled.
    for (const tab of tabs) tab.send({ type: 'ping' });
    await Promise.all(tabs.map((tab) => tab.next('pong')));

    const open = (await h.node.store.listOpenConversations()).filter((c) => c.visitorId === visitorId);
    expect(open).toHaveLength(1);
    const conversationId = open[0]!.id;
    for (const tab of tabs) {
      const seen = tab.all('conversation.update').map((f) => f.conversation.id);
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen)).toEqual(new Set([conversationId]));
    }
    await a.next('offer.new');
    await vi.waitFor(async () =>
      expect(await h.node.store.listOffersForConversation(conversationId)).toHaveLength(1),
    );
    const offered = a.all('offer.new') as Extract<AgentServerFrame, { type: 'offer.new' }>[];
    expect(offered.map((f) => f.offer.conversationId)).toEqual([conversationId]);
    await Promise.all([a, ...tabs].map((socket) => socket.close()));
  });
});
