import { describe, expect, it } from 'vitest';
import { assign, type GetStore, seedConversation, seedOffer, t0, user } from './fixtures.ts';

/** `QueueStore.listQueueMemberLoads` (store/queues.ts): every member as routing weighs them, in one read. */
export function describeQueueMemberLoads(getStore: GetStore): void {
  describe('queue member loads', () => {
    it("gives each member's presence, capacity, active conversations and pending offers, by user id", async () => {
      const store = getStore();
      await store.createQueue({ id: 'que_1', name: 'Support' });
      await store.createQueue({ id: 'que_2', name: 'Sales' });
      await store.createUser(user({ id: 'usr_2', email: 'b@example.com', capacity: 4 }));
      await store.createUser(user({ id: 'usr_1', email: 'a@example.com', capacity: 3 }));
      await store.createUser(user({ id: 'usr_3', email: 'c@example.com', capacity: 5 }));
      for (const id of ['usr_2', 'usr_1']) await store.addQueueMember('que_1', id);
      await store.addQueueMember('que_2', 'usr_3');
      await store.setPresence('usr_1', 'available', t0);
      await store.setPresence('usr_2', 'away', t0);
      await store.markQueueMemberOffered('que_1', 'usr_1', t0 + 7);
      // usr_1: two active, one pending; usr_2: one pending, one closed; usr_3 (another queue) one active.
      for (let i = 0; i < 6; i++) await seedConversation(store, { id: `cnv_${i}`, visitorId: `vis_${i}` });
      expect(await assign(store, 'cnv_0', 'usr_1', t0)).toBe(true);
      expect(await assign(store, 'cnv_1', 'usr_1', t0)).toBe(true);
      expect(await seedOffer(store, { id: 'ofr_1', conversationId: 'cnv_2', agentId: 'usr_1' })).toBe(true);
      expect(await seedOffer(store, { id: 'ofr_2', conversationId: 'cnv_3', agentId: 'usr_2' })).toBe(true);
      expect(await seedOffer(store, { id: 'ofr_3', conversationId: 'cnv_4', agentId: 'usr_2' })).toBe(true);
      expect(await store.closeOffer('ofr_3', 'rejected', t0)).toBe(true);
      expect(await assign(store, 'cnv_5', 'usr_3', t0)).toBe(true);
      await store.endConversation('cnv_1', t0 + 1);

      expect(await store.listQueueMemberLoads('que_1')).toStrictEqual([
        { userId: 'usr_1', lastOfferedAt: t0 + 7, presence: 'available', capacity: 3, active: 1, pending: 1 },
        { userId: 'usr_2', presence: 'away', capacity: 4, active: 0, pending: 1 },
      ]);
      // usr_3 never set a status: offline.
      expect(await store.listQueueMemberLoads('que_2')).toStrictEqual([
        { userId: 'usr_3', presence: 'offline', capacity: 5, active: 1, pending: 0 },
      ]);
      expect(await store.listQueueMemberLoads('que_none')).toStrictEqual([]);
    });

    it('says whether any member is available, as the loads would', async () => {
      const store = getStore();
      await store.createQueue({ id: 'que_1', name: 'Support' });
      await store.createQueue({ id: 'que_2', name: 'Sales' });
      await store.createUser(user({ id: 'usr_1', email: 'a@example.com', capacity: 0 }));
      await store.createUser(user({ id: 'usr_2', email: 'b@example.com' }));
      await store.createUser(user({ id: 'usr_3', email: 'c@example.com' }));
      await store.addQueueMember('que_1', 'usr_1');
      await store.addQueueMember('que_1', 'usr_2');
      await store.addQueueMember('que_2', 'usr_3');
      // usr_3 (another queue) is available; usr_2 never set a status.
      await store.setPresence('usr_3', 'available', t0);
      expect(await store.hasAvailableMember('que_1')).toBe(false);
      await store.setPresence('usr_1', 'away', t0);
      expect(await store.hasAvailableMember('que_1')).toBe(false);
      // Available with no free capacity still counts: they answer once a chat ends.
      await store.setPresence('usr_1', 'available', t0);
      expect(await store.hasAvailableMember('que_1')).toBe(true);
      expect(await store.hasAvailableMember('que_2')).toBe(true);
      expect(await store.hasAvailableMember('que_none')).toBe(false);
    });
  });
}
