import { describe, expect, it } from 'vitest';
import { assign, type GetStore, seedConversation, t0, user } from './fixtures.ts';

/** `QueueStore.getQueueStanding` (store/queues.ts): the waiting list and the estimate's inputs, in one read. */
export function describeQueueStanding(getStore: GetStore): void {
  describe('queue standing', () => {
    it('lists the waiting FIFO with the recent handling times and the available capacity', async () => {
      const store = getStore();
      await store.createQueue({ id: 'que_1', name: 'Support' });
      await store.createQueue({ id: 'que_2', name: 'Sales' });
      await store.createUser(user({ id: 'usr_1', email: 'a@example.com', capacity: 3 }));
      await store.createUser(user({ id: 'usr_2', email: 'b@example.com', capacity: 4 }));
      await store.createUser(user({ id: 'usr_3', email: 'c@example.com', capacity: 5 }));
      for (const id of ['usr_1', 'usr_2', 'usr_3']) await store.addQueueMember('que_1', id);
      await store.setPresence('usr_1', 'available', t0);
      await store.setPresence('usr_2', 'available', t0);
      await store.setPresence('usr_3', 'away', t0);
      expect(await store.getQueueStanding('que_1', 2)).toBeUndefined();
      // Three handled (60 s, 120 s, 30 s, ending in that order), one still active, three waiting.
      const spans = [60_000, 120_000, 30_000];
      for (const [i, span] of spans.entries()) {
        await seedConversation(store, { id: `cnv_h${i}`, visitorId: `vis_h${i}`, queueId: 'que_1' });
        expect(await assign(store, `cnv_h${i}`, 'usr_1', t0 + i * 1_000_000)).toBe(true);
        await store.endConversation(`cnv_h${i}`, t0 + i * 1_000_000 + span);
      }
      await seedConversation(store, { id: 'cnv_a', visitorId: 'vis_a', queueId: 'que_1' });
      expect(await assign(store, 'cnv_a', 'usr_2', t0)).toBe(true);
      await seedConversation(store, {
        id: 'cnv_w2',
        visitorId: 'vis_w2',
        queueId: 'que_1',
        createdAt: t0 + 2,
      });
      await seedConversation(store, {
        id: 'cnv_w1',
        visitorId: 'vis_w1',
        queueId: 'que_1',
        createdAt: t0 + 1,
      });
      await seedConversation(store, {
        id: 'cnv_w0',
        visitorId: 'vis_w0',
        queueId: 'que_1',
        createdAt: t0 + 1,
      });
      await seedConversation(store, { id: 'cnv_x', visitorId: 'vis_x', queueId: 'que_2' });

      // The last two handled only (120 s + 30 s); usr_3 is away, so 3 + 4 slots.
      expect(await store.getQueueStanding('que_1', 2)).toStrictEqual({
        waiting: [
          { conversationId: 'cnv_w0', visitorId: 'vis_w0' },
          { conversationId: 'cnv_w1', visitorId: 'vis_w1' },
          { conversationId: 'cnv_w2', visitorId: 'vis_w2' },
        ],
        handled: { totalMs: 150_000, count: 2 },
        slots: 7,
      });
      // No history and no member: nothing to estimate with, the waiting still listed.
      expect(await store.getQueueStanding('que_2', 20)).toStrictEqual({
        waiting: [{ conversationId: 'cnv_x', visitorId: 'vis_x' }],
        handled: { totalMs: 0, count: 0 },
        slots: 0,
      });
    });
  });
}
