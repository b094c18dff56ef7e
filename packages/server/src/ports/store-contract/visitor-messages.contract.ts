import type { CustomerMatch } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import type { ConversationRow } from '../store.ts';
import {
  assign,
  contextSnapshot,
  type GetStore,
  noCustomer,
  seedAgent,
  seedConversation,
  seedVisitor,
  t0,
} from './fixtures.ts';

/** The author name as the server works it out: from the conversation the message goes to. */
const nameFrom = (conversation: ConversationRow) => `Visitor of ${conversation.id}`;
const send = (text: string, clientMsgId = text) => ({
  visitorId: 'vis_1',
  text,
  clientMsgId,
  createdAt: t0 + 5,
  authorName: nameFrom,
});

/** The `VisitorMessageStore` port (store/visitor-messages.ts). */
export function describeVisitorMessages(getStore: GetStore): void {
  describe('visitor messages', () => {
    it('go to the open conversation with the next seq, named from it, and come back with it', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      await store.appendMessage({ conversationId: 'cnv_1', author: 'bot', text: 'hi', createdAt: t0 });
      const appended = await store.appendVisitorMessage(send('hello'));
      expect(appended?.conversation).toMatchObject({ id: 'cnv_1', visitorId: 'vis_1', status: 'waiting' });
      expect(appended?.message).toStrictEqual({
        id: appended?.message.id,
        conversationId: 'cnv_1',
        seq: 2,
        author: 'visitor',
        authorName: 'Visitor of cnv_1',
        text: 'hello',
        clientMsgId: 'hello',
        createdAt: t0 + 5,
      });
      expect((await store.listMessages('cnv_1', 0)).at(-1)).toStrictEqual(appended?.message);
    });

    it('are refused, with nothing written, when the visitor has no open conversation', async () => {
      const store = getStore();
      await seedVisitor(store, { id: 'vis_1' });
      expect(await store.appendVisitorMessage(send('nobody'))).toBeUndefined();
      await seedConversation(store, { id: 'cnv_1' });
      expect(await store.endConversation('cnv_1', t0 + 1)).toBe(true);
      expect(await store.appendVisitorMessage(send('too late'))).toBeUndefined();
      expect(await store.listMessages('cnv_1', 0)).toEqual([]);
      expect((await store.getConversation('cnv_1'))?.lastSeq).toBe(0);
    });

    it('follow the conversation as it is when stored: ended and opened again, transferred', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      expect((await store.appendVisitorMessage(send('first')))?.message.conversationId).toBe('cnv_1');
      await store.endConversation('cnv_1', t0 + 1);
      await seedConversation(store, { id: 'cnv_2', createdAt: t0 + 2 });
      const second = await store.appendVisitorMessage(send('second'));
      expect(second?.message).toMatchObject({
        conversationId: 'cnv_2',
        seq: 1,
        authorName: 'Visitor of cnv_2',
      });
      expect(await assign(store, 'cnv_2', 'usr_a', t0 + 3)).toBe(true);
      await seedAgent(store, 'usr_b');
      expect(await store.reassignConversation('cnv_2', 'usr_a', 'usr_b')).toBe(true);
      const third = await store.appendVisitorMessage(send('third'));
      expect(third?.conversation).toMatchObject({ id: 'cnv_2', status: 'active', agentId: 'usr_b' });
      expect((await store.listMessages('cnv_1', 0)).map((m) => m.text)).toEqual(['first']);
      expect((await store.listMessages('cnv_2', 0)).map((m) => m.text)).toEqual(['second', 'third']);
    });

    it('come back with the conversation as stored when appended, its customer changed since the last message', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      expect((await store.appendVisitorMessage(send('first')))?.conversation.customer).toStrictEqual(
        noCustomer,
      );
      const matched: CustomerMatch = {
        status: 'none',
        candidates: [],
        proposed: { name: 'Ada', email: 'ada@x.io' },
      };
      await store.setConversationCustomer('cnv_1', matched);
      const second = await store.appendVisitorMessage(send('second'));
      expect(second?.conversation.customer).toStrictEqual(matched);
      expect(second?.conversation.context).toStrictEqual(contextSnapshot);
      expect(second?.conversation.lastSeq).toBe(1);
    });

    it('are idempotent on the client id, and keep their order when sent together', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      const [a, retry, b, c] = await Promise.all([
        store.appendVisitorMessage(send('a', 'k1')),
        store.appendVisitorMessage(send('a again', 'k1')),
        store.appendVisitorMessage(send('b')),
        store.appendVisitorMessage(send('c')),
      ]);
      expect(retry?.message).toStrictEqual(a?.message);
      const stored = await store.listMessages('cnv_1', 0);
      expect(stored).toHaveLength(3);
      expect(new Set(stored.map((m) => m.seq))).toEqual(new Set([1, 2, 3]));
      expect([b, c].map((m) => m?.message.conversationId)).toEqual(['cnv_1', 'cnv_1']);
    });
  });
}
