import { describe, expect, it } from 'vitest';
import { type GetStore, seedConversation, seedVisitor, t0 } from './fixtures.ts';

/** The `MessageStore` port (store/messages.ts). */
export function describeMessages(getStore: GetStore): void {
  describe('messages', () => {
    it('numbers messages 1, 2, 3… per conversation and lists them after a seq', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      const first = await store.appendMessage({
        conversationId: 'cnv_1',
        author: 'visitor',
        text: 'hello',
        createdAt: t0,
      });
      expect(first).toStrictEqual({
        id: first.id,
        conversationId: 'cnv_1',
        seq: 1,
        author: 'visitor',
        text: 'hello',
        createdAt: t0,
      });
      expect(first.id).toMatch(/^msg_/);
      const second = await store.appendMessage({
        conversationId: 'cnv_1',
        author: 'agent',
        authorName: 'Ann',
        text: 'hi, how can I help?',
        clientMsgId: 'c-1',
        createdAt: t0 + 1,
      });
      expect(second).toMatchObject({ seq: 2, authorName: 'Ann', clientMsgId: 'c-1' });
      const other = await store.appendMessage({
        conversationId: 'cnv_2',
        author: 'system',
        text: 'x',
        createdAt: t0,
      });
      expect(other.seq).toBe(1);

      expect(await store.listMessages('cnv_1', 0)).toStrictEqual([first, second]);
      expect(await store.listMessages('cnv_1', 1)).toStrictEqual([second]);
      expect(await store.listMessages('cnv_1', 2)).toEqual([]);
      expect((await store.getConversation('cnv_1'))?.lastSeq).toBe(2);
    });

    it('gives every read of a conversation its last seq', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      await store.appendMessage({ conversationId: 'cnv_1', author: 'system', text: 'a', createdAt: t0 });
      await store.appendVisitorMessage({
        visitorId: 'vis_1',
        text: 'b',
        clientMsgId: 'b',
        createdAt: t0,
        authorName: () => 'Visitor',
      });
      await store.appendMessage({ conversationId: 'cnv_1', author: 'agent', text: 'c', createdAt: t0 });
      const reads = {
        getConversation: await store.getConversation('cnv_1'),
        findOpenConversation: await store.findOpenConversation('vis_1'),
        findLastConversation: await store.findLastConversation('vis_1'),
        listOpenConversations: (await store.listOpenConversations())[0],
        listWaitingConversations: (await store.listWaitingConversations('que_1'))[0],
        listWidgetConversations: (await store.listWidgetConversations('wgt_1', t0, t0 + 1))[0],
        getRoutingState: (await store.getRoutingState('cnv_1'))?.conversation,
      };
      for (const [read, conversation] of Object.entries(reads))
        expect([read, conversation?.lastSeq]).toEqual([read, 3]);
    });

    it('throws a clear error for an unknown conversation', async () => {
      await expect(
        getStore().appendMessage({
          conversationId: 'cnv_missing',
          author: 'visitor',
          text: 'x',
          createdAt: t0,
        }),
      ).rejects.toThrow(/cnv_missing/);
    });

    it('is idempotent on (conversation, author, clientMsgId)', async () => {
      const store = getStore();
      await seedConversation(store);
      const message = {
        conversationId: 'cnv_1',
        author: 'visitor' as const,
        text: 'once',
        clientMsgId: 'k1',
        createdAt: t0,
      };
      const stored = await store.appendMessage(message);
      const retried = await store.appendMessage({
        ...message,
        text: 'retry body is ignored',
        createdAt: t0 + 9,
      });
      expect(retried).toStrictEqual(stored);
      // The same client id from another author is another message.
      const fromAgent = await store.appendMessage({ ...message, author: 'agent' });
      expect(fromAgent.seq).toBe(2);
      expect(await store.listMessages('cnv_1', 0)).toHaveLength(2);
      expect((await store.getConversation('cnv_1'))?.lastSeq).toBe(2);
    });

    it('gives gapless seqs 1..50 under 50 concurrent appends', async () => {
      const store = getStore();
      await seedConversation(store);
      const appended = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.appendMessage({
            conversationId: 'cnv_1',
            author: 'visitor',
            text: `m${i}`,
            createdAt: t0 + i,
          }),
        ),
      );
      const expected = Array.from({ length: 50 }, (_, i) => i + 1);
      expect(appended.map((m) => m.seq).sort((a, b) => a - b)).toEqual(expected);
      expect(new Set(appended.map((m) => m.id)).size).toBe(50);
      const listed = await store.listMessages('cnv_1', 0);
      expect(listed.map((m) => m.seq)).toEqual(expected);
      expect((await store.getConversation('cnv_1'))?.lastSeq).toBe(50);
    });

    it('stores one message for concurrent retries of the same clientMsgId', async () => {
      const store = getStore();
      await seedConversation(store);
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          store.appendMessage({
            conversationId: 'cnv_1',
            author: 'visitor',
            text: 'x',
            clientMsgId: 'dup',
            createdAt: t0,
          }),
        ),
      );
      expect(new Set(results.map((m) => m.id)).size).toBe(1);
      expect(results[0]?.seq).toBe(1);
      expect(await store.listMessages('cnv_1', 0)).toHaveLength(1);
      expect((await store.getConversation('cnv_1'))?.lastSeq).toBe(1);
    });

    it('stays gapless when concurrent retries and new messages race on one conversation', async () => {
      const store = getStore();
      await seedConversation(store);
      // 10 client ids, each sent 5 times, interleaved with 10 messages that carry none.
      const sends = Array.from({ length: 60 }, (_, i) =>
        store.appendMessage({
          conversationId: 'cnv_1',
          author: 'visitor',
          text: `m${i}`,
          clientMsgId: i < 50 ? `k${i % 10}` : undefined,
          createdAt: t0 + i,
        }),
      );
      const results = await Promise.all(sends);
      for (let k = 0; k < 10; k++) {
        const copies = results.filter((m) => m.clientMsgId === `k${k}`);
        expect(copies).toHaveLength(5);
        expect(new Set(copies.map((m) => m.id)).size).toBe(1);
      }
      const expected = Array.from({ length: 20 }, (_, i) => i + 1);
      expect((await store.listMessages('cnv_1', 0)).map((m) => m.seq)).toEqual(expected);
      expect(new Set(results.map((m) => m.seq))).toEqual(new Set(expected));
      expect((await store.getConversation('cnv_1'))?.lastSeq).toBe(20);
    });

    it('returns nothing for a conversation without messages', async () => {
      const store = getStore();
      await seedVisitor(store);
      expect(await store.listMessages('cnv_none', 0)).toEqual([]);
    });
  });
}
