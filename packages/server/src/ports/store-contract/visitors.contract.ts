import { describe, expect, it } from 'vitest';
import { type GetStore, seedVisitor, t0, visitor } from './fixtures.ts';

/** The `VisitorStore` port (store/visitors.ts). */
export function describeVisitors(getStore: GetStore): void {
  describe('visitors', () => {
    it('round-trips a visitor with optional fields absent', async () => {
      const store = getStore();
      await seedVisitor(store);
      expect(await store.getVisitor('vis_1')).toStrictEqual(visitor());
      expect(await store.getVisitor('vis_missing')).toBeUndefined();
    });

    it('updates a visitor, setting and clearing optional fields', async () => {
      const store = getStore();
      await seedVisitor(store);
      const named = visitor({
        lastSeenAt: t0 + 10_000,
        visitCount: 3,
        visitStartedAt: t0 + 9_000,
        name: 'Ann',
        customerId: 'cus_1',
      });
      await store.updateVisitor(named);
      expect(await store.getVisitor('vis_1')).toStrictEqual(named);
      await store.updateVisitor(visitor({ lastSeenAt: t0 + 20_000 }));
      expect(await store.getVisitor('vis_1')).toStrictEqual(visitor({ lastSeenAt: t0 + 20_000 }));
    });

    it('keeps the first secret hash stored for a visitor, even under concurrent writes', async () => {
      const store = getStore();
      await seedVisitor(store);
      expect(await store.getVisitorSecretHash('vis_1')).toBeUndefined();
      const won = await Promise.all([
        store.setVisitorSecretHash('vis_1', 'a'.repeat(64), t0),
        store.setVisitorSecretHash('vis_1', 'b'.repeat(64), t0),
      ]);
      expect(won.filter(Boolean)).toHaveLength(1);
      const stored = await store.getVisitorSecretHash('vis_1');
      expect(stored).toBe(won[0] ? 'a'.repeat(64) : 'b'.repeat(64));
      expect(await store.setVisitorSecretHash('vis_1', 'c'.repeat(64), t0 + 1)).toBe(false);
      expect(await store.getVisitorSecretHash('vis_1')).toBe(stored);
      expect(await store.getVisitorSecretHash('vis_missing')).toBeUndefined();
    });
  });
}
