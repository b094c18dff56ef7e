import { describe, expect, it } from 'vitest';
import { type GetStore, t0 } from './fixtures.ts';

/** The `AcceptanceModelStore` port (store/acceptance-models.ts). */
export function describeAcceptanceModels(getStore: GetStore): void {
  describe('acceptance models', () => {
    it('writes a first version once, then only over the version read', async () => {
      const store = getStore();
      expect(await store.getAcceptanceModel('wid_1')).toBeUndefined();
      const first = { widgetId: 'wid_1', model: '{"a":1}', version: 1, updatedAt: t0 };
      expect(await store.saveAcceptanceModel(first)).toBe(true);
      expect(await store.saveAcceptanceModel({ ...first, model: '{"b":2}' })).toBe(false);
      expect(await store.getAcceptanceModel('wid_1')).toStrictEqual(first);
      const [won, lost] = await Promise.all([
        store.saveAcceptanceModel({ ...first, model: 'x', version: 2, updatedAt: t0 + 1 }),
        store.saveAcceptanceModel({ ...first, model: 'y', version: 2, updatedAt: t0 + 2 }),
      ]);
      expect([won, lost].filter(Boolean)).toHaveLength(1);
      expect((await store.getAcceptanceModel('wid_1'))?.version).toBe(2);
      expect(await store.saveAcceptanceModel({ ...first, version: 5 })).toBe(false);
    });
  });
}
