import type { CustomerMatch } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import type { ConversationRow } from '../store.ts';
import { type GetStore, seedConversation, t0 } from './fixtures.ts';

/** Named from what a name may depend on: the conversation's id and the customer it is matched with. */
const nameFrom = (conversation: ConversationRow) =>
  `${conversation.id}/${conversation.customer.status === 'none' ? 'anonymous' : conversation.customer.status}`;
const fromVisitor = (visitorId: string, text: string, clientMsgId = text) => ({
  visitorId,
  text,
  clientMsgId,
  createdAt: t0 + 5,
  authorName: nameFrom,
});
const fromAgent = (conversationId: string, text: string, clientMsgId?: string) => ({
  conversationId,
  author: 'agent' as const,
  authorName: 'Ann',
  text,
  ...(clientMsgId ? { clientMsgId } : {}),
  createdAt: t0 + 6,
});

const texts = async (store: ReturnType<GetStore>, conversationId: string) =>
  (await store.listMessages(conversationId, 0)).map((m) => `${m.seq}:${m.text}`);

/**
 * Appends issued in the same turn of the event loop (`Promise.all`): the adapters group them (one SQLite
 * transaction, one PostgreSQL statement), and each must come out exactly as if it had been appended alone.
 */
export function describeMessageBatch(getStore: GetStore): void {
  describe('messages appended together', () => {
    it('take gapless seqs per conversation in the order they were issued, across conversations and kinds', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      const results = await Promise.all([
        store.appendVisitorMessage(fromVisitor('vis_1', 'a1')),
        store.appendMessage(fromAgent('cnv_2', 'b1')),
        store.appendVisitorMessage(fromVisitor('vis_2', 'b2')),
        store.appendVisitorMessage(fromVisitor('vis_1', 'a2')),
        store.appendMessage(fromAgent('cnv_1', 'a3')),
        store.appendVisitorMessage(fromVisitor('vis_1', 'a4')),
      ]);
      expect(await texts(store, 'cnv_1')).toEqual(['1:a1', '2:a2', '3:a3', '4:a4']);
      expect(await texts(store, 'cnv_2')).toEqual(['1:b1', '2:b2']);
      const [a1, , b2, a2] = results as Awaited<ReturnType<typeof store.appendVisitorMessage>>[];
      expect(a1?.message).toMatchObject({ seq: 1, authorName: 'cnv_1/anonymous', author: 'visitor' });
      expect(a2?.conversation).toMatchObject({ id: 'cnv_1', visitorId: 'vis_1', lastSeq: 1 });
      expect(b2?.message).toMatchObject({ conversationId: 'cnv_2', seq: 2, authorName: 'cnv_2/anonymous' });
      expect((await store.getConversation('cnv_1'))?.lastSeq).toBe(4);
      expect((await store.getConversation('cnv_2'))?.lastSeq).toBe(2);
    });

    it('fail alone when their conversation is missing or the visitor has none open', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      const [kept, missing, none, alsoKept] = await Promise.allSettled([
        store.appendMessage(fromAgent('cnv_1', 'kept')),
        store.appendMessage(fromAgent('cnv_gone', 'lost')),
        store.appendVisitorMessage(fromVisitor('vis_nobody', 'nobody')),
        store.appendVisitorMessage(fromVisitor('vis_1', 'also kept')),
      ]);
      expect(kept).toMatchObject({ status: 'fulfilled', value: { seq: 1 } });
      expect(missing.status).toBe('rejected');
      expect(none).toEqual({ status: 'fulfilled', value: undefined });
      expect(alsoKept).toMatchObject({ status: 'fulfilled', value: { message: { seq: 2 } } });
      expect(await texts(store, 'cnv_1')).toEqual(['1:kept', '2:also kept']);
    });

    it('return the stored message for a client id already stored or repeated in the batch, using no seq', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      const stored = await store.appendVisitorMessage(fromVisitor('vis_1', 'first', 'k1'));
      const [retry, fresh, twice, again] = await Promise.all([
        store.appendVisitorMessage(fromVisitor('vis_1', 'first, sent again', 'k1')),
        store.appendVisitorMessage(fromVisitor('vis_1', 'second', 'k2')),
        store.appendVisitorMessage(fromVisitor('vis_1', 'second, sent again', 'k2')),
        store.appendMessage(fromAgent('cnv_1', 'agent', 'k1')),
      ]);
      expect(retry?.message).toStrictEqual(stored?.message);
      expect(twice?.message).toStrictEqual(fresh?.message);
      // The client id is the author's: the agent's k1 is a message of its own.
      expect(again).toMatchObject({ author: 'agent', clientMsgId: 'k1' });
      expect(await texts(store, 'cnv_1')).toEqual(['1:first', '2:second', '3:agent']);
    });

    it("name a visitor's message from the conversation as it is when stored, even if it changed since the last", async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      await store.appendVisitorMessage(fromVisitor('vis_1', 'before'));
      const linked: CustomerMatch = {
        status: 'linked',
        method: 'manual',
        verification: 'agent',
        candidates: [],
      };
      await store.setConversationCustomer('cnv_1', linked);
      const [after] = await Promise.all([store.appendVisitorMessage(fromVisitor('vis_1', 'after'))]);
      expect(after?.message.authorName).toBe('cnv_1/linked');
      expect(after?.conversation.customer).toEqual(linked);
      await store.endConversation('cnv_1', t0 + 7);
      await seedConversation(store, { id: 'cnv_2', createdAt: t0 + 8 });
      const next = await store.appendVisitorMessage(fromVisitor('vis_1', 'next'));
      expect(next?.message).toMatchObject({ conversationId: 'cnv_2', seq: 1, authorName: 'cnv_2/anonymous' });
    });
  });
}
