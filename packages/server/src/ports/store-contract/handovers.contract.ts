import { describe, expect, it } from 'vitest';
import type { HandoverRow } from '../store.ts';
import { type GetStore, seedVisitor, t0 } from './fixtures.ts';

function handover(overrides: Partial<HandoverRow> = {}): HandoverRow {
  return {
    tokenHash: 'h'.repeat(64),
    visitorId: 'vis_1',
    widgetId: 'wgt_1',
    origin: 'https://shop.example',
    expiresAt: t0 + 60_000,
    ...overrides,
  };
}

/** The `HandoverStore` port (store/handovers.ts). */
export function describeHandovers(getStore: GetStore): void {
  describe('handovers', () => {
    it('gives a handover back once, even to concurrent takers', async () => {
      const store = getStore();
      await seedVisitor(store);
      await store.createHandover(handover(), t0);
      const taken = await Promise.all([
        store.takeHandover('h'.repeat(64)),
        store.takeHandover('h'.repeat(64)),
      ]);
      expect(taken.filter(Boolean)).toEqual([handover()]);
      expect(await store.takeHandover('h'.repeat(64))).toBeUndefined();
      expect(await store.takeHandover('x'.repeat(64))).toBeUndefined();
    });

    it('drops handovers that expired when a new one is stored', async () => {
      const store = getStore();
      await seedVisitor(store);
      await store.createHandover(handover({ tokenHash: 'old', expiresAt: t0 + 1_000 }), t0);
      await store.createHandover(handover({ tokenHash: 'new', expiresAt: t0 + 70_000 }), t0 + 10_000);
      expect(await store.takeHandover('old')).toBeUndefined();
      expect(await store.takeHandover('new')).toEqual(handover({ tokenHash: 'new', expiresAt: t0 + 70_000 }));
    });
  });
}
