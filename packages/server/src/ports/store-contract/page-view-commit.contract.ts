import { describe, expect, it } from 'vitest';
import { type GetStore, seedVisitor, t0, visitor } from './fixtures.ts';

/** `recordPageView`: the page view and the visitor's new state in one transaction (one durable commit). */
export function describePageViewCommit(getStore: GetStore): void {
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
}
