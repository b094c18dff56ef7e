import { describe, expect, it } from 'vitest';
import type { Store } from '../store.ts';
import { type GetStore, offer, seedConversation, t0, user } from './fixtures.ts';

/** `count` waiting conversations cnv_0…, each with its own visitor. */
async function seedWaiting(store: Store, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `cnv_${i}`);
  for (const [i, id] of ids.entries()) await seedConversation(store, { id, visitorId: `vis_${i}` });
  return ids;
}

async function load(store: Store, agentId: string): Promise<number> {
  const active = await store.listAgentConversations(agentId, ['active']);
  return active.length + (await store.listPendingOffersForAgent(agentId)).length;
}

export function describeCapacity(getStore: GetStore): void {
  describe('capacity-checked offers and assignments', () => {
    it('lets at most capacity of many concurrent offers to one agent through', async () => {
      const store = getStore();
      await store.createUser(user({ capacity: 3 }));
      const ids = await seedWaiting(store, 16);
      const results = await Promise.all(
        ids.map((conversationId, i) =>
          store.createOfferWithinCapacity(offer({ id: `ofr_${i}`, conversationId })),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(3);
      const created = await store.listPendingOffersForAgent('usr_1');
      expect(created.map((o) => o.id).sort()).toEqual(
        results.flatMap((won, i) => (won ? [`ofr_${i}`] : [])).sort(),
      );
    });

    it('counts active conversations and pending offers; closed offers free capacity', async () => {
      const store = getStore();
      await store.createUser(user({ capacity: 2 }));
      await seedWaiting(store, 4);
      expect(await store.assignConversation('cnv_0', 'usr_1', t0)).toBe(true);
      expect(await store.createOfferWithinCapacity(offer({ id: 'ofr_a', conversationId: 'cnv_1' }))).toBe(
        true,
      );
      expect(await store.createOfferWithinCapacity(offer({ id: 'ofr_b', conversationId: 'cnv_2' }))).toBe(
        false,
      );
      expect(await store.getOffer('ofr_b')).toBeUndefined();
      expect(await store.closeOffer('ofr_a', 'rejected', t0 + 1)).toBe(true);
      expect(await store.createOfferWithinCapacity(offer({ id: 'ofr_c', conversationId: 'cnv_2' }))).toBe(
        true,
      );
      await store.createUser(user({ id: 'usr_0', email: 'zero@example.com', capacity: 0 }));
      const toZero = offer({ id: 'ofr_z', conversationId: 'cnv_3', agentId: 'usr_0' });
      expect(await store.createOfferWithinCapacity(toZero)).toBe(false);
      expect(await store.createOfferWithinCapacity(offer({ id: 'ofr_x', agentId: 'usr_missing' }))).toBe(
        false,
      );
    });

    it('assigns at most capacity of many concurrent auto-assignments, each conversation once', async () => {
      const store = getStore();
      await store.createUser(user({ capacity: 3 }));
      await store.createUser(user({ id: 'usr_2', email: 'bob@example.com', capacity: 3 }));
      const ids = await seedWaiting(store, 10);
      // Both agents race for every conversation: each may take 3, and no conversation is assigned twice.
      const results = await Promise.all(
        ids.flatMap((id) =>
          ['usr_1', 'usr_2'].map((agentId) => store.assignConversationWithinCapacity(id, agentId, t0)),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(6);
      expect(await store.listAgentConversations('usr_1', ['active'])).toHaveLength(3);
      expect(await store.listAgentConversations('usr_2', ['active'])).toHaveLength(3);
      expect(await store.assignConversationWithinCapacity('cnv_0', 'usr_1', t0)).toBe(false);
    });

    it('holds the limit when offers and auto-assignments race for the same agent', async () => {
      const store = getStore();
      await store.createUser(user({ capacity: 4 }));
      const ids = await seedWaiting(store, 20);
      await Promise.all(
        ids.map((id, i) =>
          i % 2 === 0
            ? store.createOfferWithinCapacity(offer({ id: `ofr_${i}`, conversationId: id }))
            : store.assignConversationWithinCapacity(id, 'usr_1', t0),
        ),
      );
      expect(await load(store, 'usr_1')).toBe(4);
    });
  });
}
