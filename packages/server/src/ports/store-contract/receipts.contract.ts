import { describe, expect, it } from 'vitest';
import { type GetStore, seedConversation } from './fixtures.ts';

/** The `ReceiptStore` port (store/receipts.ts). */
export function describeReceipts(getStore: GetStore): void {
  describe('receipts', () => {
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
