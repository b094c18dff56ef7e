import type { CustomerMatch } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import {
  contextSnapshot,
  conversation,
  customer,
  type GetStore,
  seedConversation,
  seedVisitor,
  t0,
} from './fixtures.ts';

export function describeConversations(getStore: GetStore): void {
  describe('conversations', () => {
    it('round-trips a conversation: context snapshot and customer match as JSON, optional fields absent', async () => {
      const store = getStore();
      await seedConversation(store);
      const stored = await store.getConversation('cnv_1');
      expect(stored).toStrictEqual(conversation());
      expect(stored?.context).toStrictEqual(contextSnapshot);
      expect(await store.getConversation('cnv_missing')).toBeUndefined();
    });

    it('round-trips every optional field when present', async () => {
      const store = getStore();
      const linked: CustomerMatch = {
        status: 'linked',
        method: 'jwt',
        customer: { id: 'cus_1', name: 'Ann', email: 'ann@example.com', active: true },
        candidates: [],
      };
      const full = await seedConversation(store, {
        status: 'ended',
        agentId: 'usr_1',
        invitationId: 'inv_1',
        customer: linked,
        acceptedAt: t0 + 1,
        endedAt: t0 + 2,
        lastSeq: 0,
      });
      expect(await store.getConversation('cnv_1')).toStrictEqual(full);
    });

    it("finds the visitor's waiting or active conversation, not an ended one", async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_ended', status: 'ended', endedAt: t0 });
      expect(await store.findOpenConversation('vis_1')).toBeUndefined();
      await seedConversation(store, { id: 'cnv_open', createdAt: t0 + 1 });
      expect((await store.findOpenConversation('vis_1'))?.id).toBe('cnv_open');
      expect(await store.assignConversation('cnv_open', 'usr_1', t0 + 2)).toBe(true);
      expect((await store.findOpenConversation('vis_1'))?.id).toBe('cnv_open');
      expect(await store.findOpenConversation('vis_unknown')).toBeUndefined();
    });

    it("lists an agent's conversations by status", async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_a', status: 'active', agentId: 'usr_1', acceptedAt: t0 });
      await seedConversation(store, { id: 'cnv_e', status: 'ended', agentId: 'usr_1', endedAt: t0 });
      await seedConversation(store, { id: 'cnv_o', status: 'active', agentId: 'usr_2', acceptedAt: t0 });
      await seedConversation(store, { id: 'cnv_w' });
      const ids = async (statuses: Parameters<typeof store.listAgentConversations>[1]) =>
        (await store.listAgentConversations('usr_1', statuses)).map((c) => c.id).sort();
      expect(await ids(['active'])).toEqual(['cnv_a']);
      expect(await ids(['active', 'ended'])).toEqual(['cnv_a', 'cnv_e']);
      expect(await ids(['waiting'])).toEqual([]);
      expect(await ids([])).toEqual([]);
    });

    it('lists waiting conversations of a queue, oldest first', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_new', createdAt: t0 + 20 });
      await seedConversation(store, { id: 'cnv_old', createdAt: t0 });
      await seedConversation(store, { id: 'cnv_mid', createdAt: t0 + 10 });
      await seedConversation(store, { id: 'cnv_other', queueId: 'que_2', createdAt: t0 - 5 });
      await seedConversation(store, {
        id: 'cnv_taken',
        status: 'active',
        agentId: 'usr_1',
        createdAt: t0 - 5,
      });
      const waiting = await store.listWaitingConversations('que_1');
      expect(waiting.map((c) => c.id)).toEqual(['cnv_old', 'cnv_mid', 'cnv_new']);
      expect(waiting[0]).toStrictEqual(conversation({ id: 'cnv_old' }));
    });

    it('assigns only from waiting', async () => {
      const store = getStore();
      await seedConversation(store);
      expect(await store.assignConversation('cnv_1', 'usr_1', t0 + 5)).toBe(true);
      expect(await store.assignConversation('cnv_1', 'usr_2', t0 + 6)).toBe(false);
      expect(await store.getConversation('cnv_1')).toStrictEqual(
        conversation({ status: 'active', agentId: 'usr_1', acceptedAt: t0 + 5 }),
      );
      expect(await store.assignConversation('cnv_missing', 'usr_1', t0)).toBe(false);
    });

    it('has exactly one winner among 10 concurrent assignments, and the row names that agent', async () => {
      const store = getStore();
      await seedConversation(store);
      const agents = Array.from({ length: 10 }, (_, i) => `usr_${i}`);
      const results = await Promise.all(
        agents.map((agent, i) => store.assignConversation('cnv_1', agent, t0 + i)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await store.getConversation('cnv_1')).toMatchObject({
        status: 'active',
        agentId: agents[winner],
        acceptedAt: t0 + winner,
      });
    });

    it('ends from waiting or active only, once', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_w' });
      await seedConversation(store, { id: 'cnv_a', status: 'active', agentId: 'usr_1', acceptedAt: t0 });
      expect(await store.endConversation('cnv_w', t0 + 1)).toBe(true);
      expect(await store.endConversation('cnv_a', t0 + 2)).toBe(true);
      expect(await store.endConversation('cnv_a', t0 + 3)).toBe(false);
      expect(await store.assignConversation('cnv_w', 'usr_1', t0 + 4)).toBe(false);
      expect(await store.getConversation('cnv_w')).toStrictEqual(
        conversation({ id: 'cnv_w', status: 'ended', endedAt: t0 + 1 }),
      );
      expect((await store.getConversation('cnv_a'))?.endedAt).toBe(t0 + 2);
      expect(await store.endConversation('cnv_missing', t0)).toBe(false);
    });

    it('has exactly one winner among concurrent ends', async () => {
      const store = getStore();
      await seedConversation(store);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.endConversation('cnv_1', t0 + i)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await store.getConversation('cnv_1'))?.endedAt).toBe(t0 + results.indexOf(true));
    });

    it('replaces the customer match', async () => {
      const store = getStore();
      await seedConversation(store);
      const ambiguous: CustomerMatch = {
        status: 'ambiguous',
        method: 'prechat',
        candidates: [
          customer({ id: 'cus_1', email: 'a@x.io' }),
          customer({ id: 'cus_2', phone: '+33 1' }),
        ].map(({ createdAt: _createdAt, ...record }) => record),
      };
      await store.setConversationCustomer('cnv_1', ambiguous);
      expect((await store.getConversation('cnv_1'))?.customer).toStrictEqual(ambiguous);
    });
  });

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
