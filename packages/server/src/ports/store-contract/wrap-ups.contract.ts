import { describe, expect, it } from 'vitest';
import { assign, type GetStore, seedConversation, t0 } from './fixtures.ts';

/** The `WrapUpStore` port (store/wrap-ups.ts). */
export function describeWrapUps(getStore: GetStore): void {
  describe('wrap-ups', () => {
    it('stores one wrap-up per conversation and lists ended conversations still awaiting one', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      await seedConversation(store, { id: 'cnv_3', visitorId: 'vis_3' });
      for (const id of ['cnv_1', 'cnv_2', 'cnv_3']) await assign(store, id, 'usr_1', t0);
      await store.endConversation('cnv_1', t0 + 10);
      await store.endConversation('cnv_2', t0 + 20);
      expect((await store.listAwaitingWrapUp('usr_1', t0)).map((c) => c.id)).toEqual(['cnv_1', 'cnv_2']);
      expect(await store.listAwaitingWrapUp('usr_1', t0 + 15)).toHaveLength(1);
      const wrapUp = {
        conversationId: 'cnv_1',
        agentId: 'usr_1',
        outcome: 'resolved' as const,
        notes: 'Sent the "reset" link',
        at: t0 + 30,
      };
      expect(await store.saveWrapUp(wrapUp)).toBe(true);
      expect(await store.saveWrapUp({ ...wrapUp, notes: 'again' })).toBe(false);
      expect(await store.saveWrapUp({ ...wrapUp, agentId: 'usr_2', outcome: 'follow-up' })).toBe(false);
      expect((await store.listAwaitingWrapUp('usr_1', t0)).map((c) => c.id)).toEqual(['cnv_2']);
    });
  });
}
