import { describe, expect, it } from 'vitest';
import type { Store } from '../store.ts';
import { type GetStore, seedVisitor, t0, visitor } from './fixtures.ts';

/** The `JourneyStore` port (store/journeys.ts). */
export function describeJourneys(getStore: GetStore): void {
  describe('page views', () => {
    it('lists the views at or after `since`, oldest first, for that visitor only', async () => {
      const store = getStore();
      await seedVisitor(store);
      await seedVisitor(store, { id: 'vis_2' });
      // Inserted out of order: the result order must come from `at`.
      await store.recordPageView({
        id: 'pv_3',
        visitorId: 'vis_1',
        url: 'https://s/3',
        title: 'Three',
        at: t0 + 3,
      });
      await store.recordPageView({
        id: 'pv_1',
        visitorId: 'vis_1',
        url: 'https://s/1',
        title: 'One',
        referrer: 'https://ref.example/',
        at: t0 + 1,
      });
      await store.recordPageView({
        id: 'pv_0',
        visitorId: 'vis_1',
        url: 'https://s/0',
        title: 'Zero',
        at: t0,
      });
      await store.recordPageView({
        id: 'pv_x',
        visitorId: 'vis_2',
        url: 'https://s/x',
        title: 'X',
        at: t0 + 2,
      });

      const views = await store.listPageViews('vis_1', t0 + 1);
      expect(views.map((v) => v.id)).toEqual(['pv_1', 'pv_3']);
      expect(views[0]).toStrictEqual({
        id: 'pv_1',
        visitorId: 'vis_1',
        url: 'https://s/1',
        title: 'One',
        referrer: 'https://ref.example/',
        at: t0 + 1,
      });
      expect(views[1]).toStrictEqual({
        id: 'pv_3',
        visitorId: 'vis_1',
        url: 'https://s/3',
        title: 'Three',
        at: t0 + 3,
      });
      expect(await store.listPageViews('vis_1', 0)).toHaveLength(3);
      expect(await store.listPageViews('vis_1', t0 + 4)).toEqual([]);
    });

    it('lastPageViewBefore returns the latest view strictly before the instant, for that visitor only', async () => {
      const store = getStore();
      await seedVisitor(store);
      await seedVisitor(store, { id: 'vis_2' });
      const view = (id: string, visitorId: string, at: number) =>
        store.recordPageView({ id, visitorId, url: `https://s/${id}`, title: id, at });
      await view('pv_b', 'vis_1', t0 + 2_000);
      await view('pv_a', 'vis_1', t0 + 1_000);
      await view('pv_c', 'vis_1', t0 + 5_000);
      await view('pv_x', 'vis_2', t0 + 4_000);
      expect((await store.lastPageViewBefore('vis_1', t0 + 5_000))?.id).toBe('pv_b');
      expect((await store.lastPageViewBefore('vis_1', t0 + 5_001))?.id).toBe('pv_c');
      expect(await store.lastPageViewBefore('vis_1', t0 + 1_000)).toBeUndefined();
      expect(await store.lastPageViewBefore('vis_3', t0 + 9_000)).toBeUndefined();
    });
  });

  describe('page view with the visitor in one transaction', () => {
    const view = (id: string, at: number) => ({
      id,
      visitorId: 'vis_1',
      url: `https://s/${id}`,
      title: id,
      at,
    });

    it('stores the view and the visitor’s new state together', async () => {
      const store = getStore();
      await seedVisitor(store);
      const seen = visitor({ lastSeenAt: t0 + 5_000, visitCount: 2, visitStartedAt: t0 + 5_000 });
      await store.recordPageView(view('pv_1', t0 + 5_000), seen);
      expect(await store.getVisitor('vis_1')).toStrictEqual(seen);
      expect((await store.listPageViews('vis_1', 0)).map((v) => v.id)).toEqual(['pv_1']);
    });

    it('stores only the view when no visitor state is given', async () => {
      const store = getStore();
      await seedVisitor(store);
      await store.recordPageView(view('pv_1', t0 + 1_000));
      expect(await store.getVisitor('vis_1')).toStrictEqual(visitor());
      expect(await store.listPageViews('vis_1', 0)).toHaveLength(1);
    });

    it('writes nothing when the view cannot be stored: the visitor update is rolled back', async () => {
      const store = getStore();
      await seedVisitor(store);
      await store.recordPageView(view('pv_1', t0 + 1_000));
      // Same id again: the insert fails after the visitor row was updated in the same transaction.
      await expect(
        store.recordPageView(view('pv_1', t0 + 9_000), visitor({ lastSeenAt: t0 + 9_000 })),
      ).rejects.toThrow();
      expect(await store.getVisitor('vis_1')).toStrictEqual(visitor());
      expect((await store.listPageViews('vis_1', 0)).map((v) => v.at)).toEqual([t0 + 1_000]);
    });
  });

  describe('visit events', () => {
    it('visit events: the latest `limit` of that visit, oldest first, props kept', async () => {
      const store = getStore();
      await seedVisitor(store);
      await seedVisitor(store, { id: 'vis_2' });
      await addCartEvents(store);
      const all = await store.listVisitEvents('vis_1', t0, 500);
      expect(all.map((e) => e.id)).toEqual(['ve_1', 've_2', 've_3']);
      expect(all[2]).toEqual({
        id: 've_3',
        visitorId: 'vis_1',
        visitStartedAt: t0,
        name: 'added_to_cart',
        props: { sku: 'A', qty: 2, gift: true },
        at: t0 + 3_000,
      });
      expect(all[0]).not.toHaveProperty('props');
      expect((await store.listVisitEvents('vis_1', t0, 2)).map((e) => e.id)).toEqual(['ve_2', 've_3']);
      expect(await store.listVisitEvents('vis_3', t0, 500)).toEqual([]);
    });
  });

  describe('visit journey', () => {
    it("answers the visit's page views and latest events as the two lists do, in one read", async () => {
      const store = getStore();
      await seedVisitor(store);
      await seedVisitor(store, { id: 'vis_2' });
      const view = (id: string, visitorId: string, at: number, referrer?: string) =>
        store.recordPageView({
          id,
          visitorId,
          url: `https://s/${id}`,
          title: id,
          at,
          ...(referrer && { referrer }),
        });
      await view('pv_before', 'vis_1', t0 - 1);
      await view('pv_2', 'vis_1', t0 + 2_000);
      await view('pv_1', 'vis_1', t0 + 1_000, 'https://ref.example/');
      await view('pv_x', 'vis_2', t0 + 1_500);
      await addCartEvents(store);

      const journey = await store.getVisitJourney('vis_1', t0, 2);
      expect(journey).toStrictEqual({
        pageViews: await store.listPageViews('vis_1', t0),
        events: await store.listVisitEvents('vis_1', t0, 2),
      });
      expect(journey.pageViews.map((v) => v.id)).toEqual(['pv_1', 'pv_2']);
      expect(journey.events.map((e) => e.id)).toEqual(['ve_2', 've_3']);
      expect(journey.events[1]?.props).toEqual({ sku: 'A', qty: 2, gift: true });
      expect((await store.getVisitJourney('vis_1', t0, 0)).events).toEqual([]);
      expect(await store.getVisitJourney('vis_3', t0, 50)).toStrictEqual({ pageViews: [], events: [] });
    });
  });
}

/** Cart events of vis_1's visit at t0 (out of order, one with props), one of an older visit, one of vis_2. */
async function addCartEvents(store: Store): Promise<void> {
  const event = (id: string, visitorId: string, visitStartedAt: number, at: number, props?: object) =>
    store.addVisitEvent({
      id,
      visitorId,
      visitStartedAt,
      name: 'added_to_cart',
      at,
      ...(props && { props: props as Record<string, string | number | boolean> }),
    });
  await event('ve_3', 'vis_1', t0, t0 + 3_000, { sku: 'A', qty: 2, gift: true });
  await event('ve_1', 'vis_1', t0, t0 + 1_000);
  await event('ve_2', 'vis_1', t0, t0 + 2_000);
  await event('ve_old', 'vis_1', t0 - 90_000_000, t0 - 90_000_000);
  await event('ve_x', 'vis_2', t0, t0 + 2_500);
}
