import { describe, expect, it } from 'vitest';
import { type GetStore, t0 } from './fixtures.ts';

/** The `QuickReplyStore` port (store/quick-replies.ts). */
export function describeQuickReplies(getStore: GetStore): void {
  describe('quick replies', () => {
    it('creates, lists by title, updates and deletes quick replies', async () => {
      const store = getStore();
      await store.createQuickReply({
        id: 'qr_2',
        title: 'Thanks',
        text: 'Thanks {visitor.name}!',
        createdAt: t0,
      });
      await store.createQuickReply({
        id: 'qr_1',
        title: 'Hello',
        text: 'Hi, I am {agent.name}.',
        createdAt: t0,
      });
      expect((await store.listQuickReplies()).map((r) => r.id)).toEqual(['qr_1', 'qr_2']);
      expect(await store.updateQuickReply({ id: 'qr_2', title: 'Bye', text: 'Bye!', createdAt: t0 })).toBe(
        true,
      );
      expect(await store.updateQuickReply({ id: 'qr_x', title: 'X', text: 'X', createdAt: t0 })).toBe(false);
      expect(await store.listQuickReplies()).toStrictEqual([
        { id: 'qr_2', title: 'Bye', text: 'Bye!', createdAt: t0 },
        { id: 'qr_1', title: 'Hello', text: 'Hi, I am {agent.name}.', createdAt: t0 },
      ]);
      expect(await store.deleteQuickReply('qr_2')).toBe(true);
      expect(await store.deleteQuickReply('qr_2')).toBe(false);
      expect(await store.listQuickReplies()).toHaveLength(1);
    });
  });
}
