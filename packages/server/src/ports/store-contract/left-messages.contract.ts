import { describe, expect, it } from 'vitest';
import { conversation, type GetStore, seedConversation, t0 } from './fixtures.ts';

/** The `LeftMessageStore` port (store/left-messages.ts). */
export function describeLeftMessages(getStore: GetStore): void {
  describe('left messages', () => {
    const left = {
      conversationId: 'cnv_1',
      visitorId: 'vis_1',
      name: 'Zoé',
      email: 'zoe@example.com',
      language: 'fr',
      createdAt: t0 + 5,
    };

    it('round-trips a left message and marks its conversation as one', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      expect(await store.getLeftMessage('cnv_1')).toBeUndefined();
      expect(await store.saveLeftMessage(left)).toBe(true);
      expect(await store.getLeftMessage('cnv_1')).toStrictEqual(left);
      const stored = await store.getConversation('cnv_1');
      // The origin says so; the rest of the snapshot is untouched.
      expect(stored?.context).toStrictEqual({ ...conversation().context, origin: { kind: 'left-message' } });
    });

    it('keeps the first: a second left message for the conversation changes nothing', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      expect(await store.saveLeftMessage(left)).toBe(true);
      expect(await store.saveLeftMessage({ ...left, email: 'other@example.com' })).toBe(false);
      expect((await store.getLeftMessage('cnv_1'))?.email).toBe('zoe@example.com');
    });

    it('lets exactly one of two racing saves win', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      const results = await Promise.all(
        ['a@example.com', 'b@example.com'].map((email) => store.saveLeftMessage({ ...left, email })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('is exported with the visitor, and goes with their erasure', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      await store.saveLeftMessage(left);
      expect((await store.collectPersonalData({ visitorIds: ['vis_1'] })).leftMessages).toEqual([left]);
      await store.erasePersonalData({ visitorIds: ['vis_1'] });
      expect(await store.getLeftMessage('cnv_1')).toBeUndefined();
    });
  });
}
