import { describe, expect, it } from 'vitest';
import { type GetStore, seedConversation } from './fixtures.ts';

/** The `ReceiptStore` port (store/receipts.ts). */
export function describeReceipts(getStore: GetStore): void {
  describe('receipts', () => {
    it('lists the messages with the receipt marks in one read, as the two reads answer them', async () => {
      const store = getStore();
      await seedConversation(store);
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      expect(await store.listMessagesWithReceipts('cnv_1')).toStrictEqual({
        messages: [],
        receipts: { delivered: 0, read: 0, agentRead: 0 },
      });
      for (const text of ['one', 'two', 'three']) {
        await store.appendMessage({ conversationId: 'cnv_1', author: 'visitor', text, createdAt: 1_000 });
      }
      await store.appendMessage({
        conversationId: 'cnv_2',
        author: 'visitor',
        text: 'other',
        createdAt: 1_000,
      });
      // Marks without a receipts row read as 0; with one, as stored.
      expect((await store.listMessagesWithReceipts('cnv_1')).receipts).toStrictEqual({
        delivered: 0,
        read: 0,
        agentRead: 0,
      });
      await store.markReceipt('cnv_1', 'read', 2);
      await store.markAgentRead('cnv_1', 3);
      const both = await store.listMessagesWithReceipts('cnv_1');
      expect(both).toStrictEqual({
        messages: await store.listMessages('cnv_1', 0),
        receipts: await store.getReceipts('cnv_1'),
      });
      expect(both.messages.map((m) => m.text)).toEqual(['one', 'two', 'three']);
      expect(both.receipts).toStrictEqual({ delivered: 2, read: 2, agentRead: 3 });
      // Marks of a conversation without messages are still its own.
      await seedConversation(store, { id: 'cnv_3', visitorId: 'vis_3' });
      await store.markAgentRead('cnv_3', 1);
      expect((await store.listMessagesWithReceipts('cnv_3')).receipts).toStrictEqual({
        delivered: 0,
        read: 0,
        agentRead: 1,
      });
    });

    it('raises receipt marks and never lowers them; read implies delivered', async () => {
      const store = getStore();
      await seedConversation(store);
      expect(await store.getReceipts('cnv_1')).toStrictEqual({ delivered: 0, read: 0, agentRead: 0 });
      expect(await store.markReceipt('cnv_1', 'delivered', 3)).toStrictEqual({
        delivered: 3,
        read: 0,
        agentRead: 0,
      });
      expect(await store.markReceipt('cnv_1', 'delivered', 2)).toStrictEqual({
        delivered: 3,
        read: 0,
        agentRead: 0,
      });
      expect(await store.markReceipt('cnv_1', 'read', 5)).toStrictEqual({
        delivered: 5,
        read: 5,
        agentRead: 0,
      });
      expect(await store.markReceipt('cnv_1', 'read', 4)).toStrictEqual({
        delivered: 5,
        read: 5,
        agentRead: 0,
      });
      const racing = await Promise.all([4, 9, 7].map((seq) => store.markReceipt('cnv_1', 'read', seq)));
      expect(racing).toHaveLength(3);
      expect(await store.getReceipts('cnv_1')).toStrictEqual({ delivered: 9, read: 9, agentRead: 0 });
    });

    it("raises the agent's read mark on its own and never lowers it", async () => {
      const store = getStore();
      await seedConversation(store);
      expect(await store.markAgentRead('cnv_1', 4)).toStrictEqual({ delivered: 0, read: 0, agentRead: 4 });
      expect(await store.markAgentRead('cnv_1', 2)).toStrictEqual({ delivered: 0, read: 0, agentRead: 4 });
      await store.markReceipt('cnv_1', 'read', 3);
      await Promise.all([6, 8, 5].map((seq) => store.markAgentRead('cnv_1', seq)));
      expect(await store.getReceipts('cnv_1')).toStrictEqual({ delivered: 3, read: 3, agentRead: 8 });
    });
  });
}
