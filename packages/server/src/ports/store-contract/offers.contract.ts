import { describe, expect, it } from 'vitest';
import { type GetStore, offer, seedConversation, seedOffer, t0, user } from './fixtures.ts';

/** The `OfferStore` port (store/offers.ts). */
export function describeOffers(getStore: GetStore): void {
  describe('offers', () => {
    it('round-trips an offer with closedAt absent until closed', async () => {
      const store = getStore();
      await seedConversation(store);
      await seedOffer(store);
      expect(await store.getOffer('ofr_1')).toStrictEqual(offer());
      expect(await store.getOffer('ofr_missing')).toBeUndefined();
    });

    it('closes only from pending, once', async () => {
      const store = getStore();
      await seedConversation(store);
      await seedOffer(store);
      expect(await store.closeOffer('ofr_1', 'accepted', t0 + 1)).toBe(true);
      expect(await store.closeOffer('ofr_1', 'expired', t0 + 2)).toBe(false);
      expect(await store.closeOffer('ofr_1', 'withdrawn', t0 + 3)).toBe(false);
      expect(await store.getOffer('ofr_1')).toStrictEqual(offer({ status: 'accepted', closedAt: t0 + 1 }));
      expect(await store.closeOffer('ofr_missing', 'rejected', t0)).toBe(false);
    });

    it('has exactly one winner among concurrent closes (accept racing the timeout)', async () => {
      const store = getStore();
      await seedConversation(store);
      await seedOffer(store);
      const targets = ['accepted', 'rejected', 'expired', 'withdrawn'] as const;
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => store.closeOffer('ofr_1', targets[i % 4] ?? 'expired', t0 + i)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await store.getOffer('ofr_1')).toMatchObject({
        status: targets[winner % 4],
        closedAt: t0 + winner,
      });
    });

    it('lists the offers of a conversation', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      await seedOffer(store, { id: 'ofr_a', status: 'expired', closedAt: t0 + 120_000 });
      await seedOffer(store, { id: 'ofr_b', agentId: 'usr_2', createdAt: t0 + 120_000 });
      await seedOffer(store, { id: 'ofr_c', conversationId: 'cnv_2' });
      const listed = await store.listOffersForConversation('cnv_1');
      expect(listed.map((o) => o.id).sort()).toEqual(['ofr_a', 'ofr_b']);
      expect(listed.find((o) => o.id === 'ofr_a')).toStrictEqual(
        offer({ id: 'ofr_a', status: 'expired', closedAt: t0 + 120_000 }),
      );
      expect(await store.listOffersForConversation('cnv_none')).toEqual([]);
    });

    it("reads a conversation with its queue, its offers, oldest first, and its widget's offer deadline in one call", async () => {
      const store = getStore();
      const conversation = await seedConversation(store);
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      expect(await store.getRoutingState('cnv_missing')).toBeUndefined();
      const queue = await store.getQueue('que_1');
      expect(await store.getRoutingState('cnv_1')).toEqual({
        conversation,
        queue,
        offers: [],
        widgetOfferTimeoutSeconds: 120,
      });
      await seedOffer(store, { id: 'ofr_b', createdAt: t0 + 1 });
      expect(await store.closeOffer('ofr_b', 'rejected', t0 + 2)).toBe(true);
      await seedOffer(store, { id: 'ofr_a', agentId: 'usr_2', createdAt: t0 + 3, expiresAt: t0 + 9 });
      await seedOffer(store, { id: 'ofr_other', conversationId: 'cnv_2' });
      await store.updateQueue({ ...queue!, offerTimeoutSeconds: 30, autoAssign: true });
      await store.updateWidget({ ...(await store.getWidget('wgt_1'))!, offerTimeoutSeconds: 45 });
      const state = await store.getRoutingState('cnv_1');
      expect(state).toEqual({
        conversation,
        queue: { ...queue, offerTimeoutSeconds: 30, autoAssign: true },
        offers: await store.listOffersForConversation('cnv_1'),
        widgetOfferTimeoutSeconds: 45,
      });
      expect(state?.offers.map((o) => [o.id, o.status])).toEqual([
        ['ofr_b', 'rejected'],
        ['ofr_a', 'pending'],
      ]);
    });

    it("lists an agent's pending offers only", async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      await seedOffer(store, { id: 'ofr_p1' });
      await seedOffer(store, { id: 'ofr_p2', conversationId: 'cnv_2', createdAt: t0 + 1 });
      await seedOffer(store, { id: 'ofr_done', status: 'rejected', closedAt: t0 });
      await seedOffer(store, { id: 'ofr_else', agentId: 'usr_2' });
      expect((await store.listPendingOffersForAgent('usr_1')).map((o) => o.id).sort()).toEqual([
        'ofr_p1',
        'ofr_p2',
      ]);
      expect(await store.closeOffer('ofr_p1', 'accepted', t0 + 2)).toBe(true);
      expect((await store.listPendingOffersForAgent('usr_1')).map((o) => o.id)).toEqual(['ofr_p2']);
    });

    it('lists pending offers whose deadline is at or before the time', async () => {
      const store = getStore();
      await seedConversation(store);
      // One pending offer per conversation.
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      await seedConversation(store, { id: 'cnv_3', visitorId: 'vis_3' });
      await seedOffer(store, { id: 'ofr_due', expiresAt: t0 + 10 });
      await seedOffer(store, { id: 'ofr_edge', conversationId: 'cnv_2', expiresAt: t0 + 20 });
      await seedOffer(store, { id: 'ofr_later', conversationId: 'cnv_3', expiresAt: t0 + 30 });
      await seedOffer(store, { id: 'ofr_closed', expiresAt: t0, status: 'accepted', closedAt: t0 });
      expect((await store.listOverdueOffers(t0 + 20)).map((o) => o.id).sort()).toEqual([
        'ofr_due',
        'ofr_edge',
      ]);
      expect(await store.listOverdueOffers(t0 + 5)).toEqual([]);
    });

    it('counts missed offers per agent in the store, every concurrent timeout counted', async () => {
      const store = getStore();
      await store.createUser(user());
      await store.createUser(user({ id: 'usr_2', email: 'b@example.com' }));
      const counts = await Promise.all(Array.from({ length: 5 }, () => store.recordMissedOffer('usr_1')));
      expect(counts.sort()).toEqual([1, 2, 3, 4, 5]);
      expect(await store.recordMissedOffer('usr_2')).toBe(1);
      await store.resetMissedOffers('usr_1');
      expect(await store.recordMissedOffer('usr_1')).toBe(1);
      expect(await store.recordMissedOffer('usr_missing')).toBe(0);
    });
  });
}
