import type { CustomerMatch } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import {
  assign,
  contextSnapshot,
  conversation,
  customer,
  type GetStore,
  seedConversation,
  seedVisitor,
  t0,
} from './fixtures.ts';

/** The `ConversationStore` port (store/conversations.ts). */
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

    it('keeps one open conversation per visitor: of concurrent creates, one is stored and all get it', async () => {
      const store = getStore();
      await seedVisitor(store);
      const tabs = Array.from({ length: 8 }, (_, i) => conversation({ id: `cnv_${i}`, createdAt: t0 + i }));
      const results = await Promise.all(tabs.map((tab) => store.createConversation(tab)));
      const winner = results[0]!;
      expect(tabs.map((tab) => tab.id)).toContain(winner.id);
      expect(results.map((row) => row.id)).toEqual(tabs.map(() => winner.id));
      expect(await store.getConversation(winner.id)).toStrictEqual(winner);
      expect((await store.findOpenConversation('vis_1'))?.id).toBe(winner.id);
      expect((await store.listWaitingConversations('que_1')).map((c) => c.id)).toEqual([winner.id]);
      for (const tab of tabs.filter((tab) => tab.id !== winner.id)) {
        expect(await store.getConversation(tab.id)).toBeUndefined();
      }
    });

    it('creates a new open conversation once the last one ended; ended rows never conflict', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1', status: 'active', agentId: 'usr_1', acceptedAt: t0 });
      const later = conversation({ id: 'cnv_2', createdAt: t0 + 1 });
      expect((await store.createConversation(later)).id).toBe('cnv_1');
      expect(await store.getConversation('cnv_2')).toBeUndefined();
      const past = conversation({ id: 'cnv_past', status: 'ended', endedAt: t0 });
      expect(await store.createConversation(past)).toStrictEqual(past);
      expect(await store.endConversation('cnv_1', t0 + 2)).toBe(true);
      expect(await store.createConversation(later)).toStrictEqual(later);
      expect((await store.findOpenConversation('vis_1'))?.id).toBe('cnv_2');
      // A duplicate id is still an error, not a conflict to absorb.
      await seedVisitor(store, { id: 'vis_2' });
      const reused = conversation({ id: 'cnv_past', visitorId: 'vis_2' });
      await expect(store.createConversation(reused)).rejects.toThrow();
      expect(await store.findOpenConversation('vis_2')).toBeUndefined();
    });

    it("finds the visitor's waiting or active conversation, not an ended one", async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_ended', status: 'ended', endedAt: t0 });
      expect(await store.findOpenConversation('vis_1')).toBeUndefined();
      await seedConversation(store, { id: 'cnv_open', createdAt: t0 + 1 });
      expect((await store.findOpenConversation('vis_1'))?.id).toBe('cnv_open');
      expect(await assign(store, 'cnv_open', 'usr_1', t0 + 2)).toBe(true);
      expect((await store.findOpenConversation('vis_1'))?.id).toBe('cnv_open');
      expect(await store.findOpenConversation('vis_unknown')).toBeUndefined();
    });

    it('findLastConversation returns the newest conversation whatever its status', async () => {
      const store = getStore();
      expect(await store.findLastConversation('vis_1')).toBeUndefined();
      await seedConversation(store, { id: 'cnv_1', createdAt: t0, status: 'ended', endedAt: t0 + 1 });
      await seedConversation(store, { id: 'cnv_2', createdAt: t0 + 60_000 });
      await store.endConversation('cnv_2', t0 + 90_000);
      const last = await store.findLastConversation('vis_1');
      expect(last?.id).toBe('cnv_2');
      expect(last?.endedAt).toBe(t0 + 90_000);
      expect(await store.findLastConversation('vis_2')).toBeUndefined();
    });

    it("lists an agent's conversations by status", async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_a', status: 'active', agentId: 'usr_1', acceptedAt: t0 });
      await seedConversation(store, { id: 'cnv_e', status: 'ended', agentId: 'usr_1', endedAt: t0 });
      await seedConversation(store, {
        id: 'cnv_o',
        visitorId: 'vis_2',
        status: 'active',
        agentId: 'usr_2',
        acceptedAt: t0,
      });
      await seedConversation(store, { id: 'cnv_w', visitorId: 'vis_3' });
      const ids = async (statuses: Parameters<typeof store.listAgentConversations>[1]) =>
        (await store.listAgentConversations('usr_1', statuses)).map((c) => c.id).sort();
      expect(await ids(['active'])).toEqual(['cnv_a']);
      expect(await ids(['active', 'ended'])).toEqual(['cnv_a', 'cnv_e']);
      expect(await ids(['waiting'])).toEqual([]);
      expect(await ids([])).toEqual([]);
    });

    it('lists waiting conversations of a queue, oldest first', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_new', visitorId: 'vis_2', createdAt: t0 + 20 });
      await seedConversation(store, { id: 'cnv_old', createdAt: t0 });
      await seedConversation(store, { id: 'cnv_mid', visitorId: 'vis_3', createdAt: t0 + 10 });
      await seedConversation(store, {
        id: 'cnv_other',
        visitorId: 'vis_4',
        queueId: 'que_2',
        createdAt: t0 - 5,
      });
      await seedConversation(store, {
        id: 'cnv_taken',
        visitorId: 'vis_5',
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
      expect(await assign(store, 'cnv_1', 'usr_1', t0 + 5)).toBe(true);
      expect(await assign(store, 'cnv_1', 'usr_2', t0 + 6)).toBe(false);
      expect(await store.getConversation('cnv_1')).toStrictEqual(
        conversation({ status: 'active', agentId: 'usr_1', acceptedAt: t0 + 5 }),
      );
      expect(await assign(store, 'cnv_missing', 'usr_1', t0)).toBe(false);
    });

    it('has exactly one winner among 10 concurrent assignments, and the row names that agent', async () => {
      const store = getStore();
      await seedConversation(store);
      const agents = Array.from({ length: 10 }, (_, i) => `usr_${i}`);
      const results = await Promise.all(agents.map((agent, i) => assign(store, 'cnv_1', agent, t0 + i)));
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
      await seedConversation(store, {
        id: 'cnv_a',
        visitorId: 'vis_2',
        status: 'active',
        agentId: 'usr_1',
        acceptedAt: t0,
      });
      expect(await store.endConversation('cnv_w', t0 + 1)).toBe(true);
      expect(await store.endConversation('cnv_a', t0 + 2)).toBe(true);
      expect(await store.endConversation('cnv_a', t0 + 3)).toBe(false);
      expect(await assign(store, 'cnv_w', 'usr_1', t0 + 4)).toBe(false);
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

  describe('handling times and transfers', () => {
    it('lists handled conversations of a queue, most recently ended first', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      await seedConversation(store, { id: 'cnv_3', visitorId: 'vis_3' });
      await assign(store, 'cnv_1', 'usr_1', t0 + 1000);
      await store.endConversation('cnv_1', t0 + 61_000);
      await assign(store, 'cnv_2', 'usr_1', t0 + 2000);
      await store.endConversation('cnv_2', t0 + 92_000);
      // Ended while still waiting: never handled, so not a handling time.
      await store.endConversation('cnv_3', t0 + 5000);
      expect(await store.listRecentlyHandled('que_1', 10)).toStrictEqual([
        { acceptedAt: t0 + 2000, endedAt: t0 + 92_000 },
        { acceptedAt: t0 + 1000, endedAt: t0 + 61_000 },
      ]);
      expect(await store.listRecentlyHandled('que_1', 1)).toHaveLength(1);
      expect(await store.listRecentlyHandled('que_other', 10)).toEqual([]);
    });

    it('requeues and reassigns only from the expected agent while active, once', async () => {
      const store = getStore();
      await seedConversation(store);
      expect(await store.requeueConversation('cnv_1', 'usr_1', 'que_2')).toBe(false);
      await assign(store, 'cnv_1', 'usr_1', t0);
      expect(await store.reassignConversation('cnv_1', 'usr_9', 'usr_2')).toBe(false);
      const racers = await Promise.all([
        store.reassignConversation('cnv_1', 'usr_1', 'usr_2'),
        store.reassignConversation('cnv_1', 'usr_1', 'usr_3'),
      ]);
      expect(racers.filter(Boolean)).toHaveLength(1);
      const holder = (await store.getConversation('cnv_1'))!.agentId!;
      expect(['usr_2', 'usr_3']).toContain(holder);
      expect(await store.requeueConversation('cnv_1', holder, 'que_2')).toBe(true);
      const requeued = await store.getConversation('cnv_1');
      expect(requeued).toMatchObject({ status: 'waiting', queueId: 'que_2' });
      expect(requeued?.agentId).toBeUndefined();
      expect(requeued?.acceptedAt).toBeUndefined();
      expect(await store.requeueConversation('cnv_1', holder, 'que_1')).toBe(false);
    });

    it('lists open conversations', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1', createdAt: t0 + 1 });
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2', createdAt: t0 + 2 });
      await seedConversation(store, { id: 'cnv_3', visitorId: 'vis_3', createdAt: t0 + 3 });
      await assign(store, 'cnv_2', 'usr_1', t0);
      await store.endConversation('cnv_3', t0);
      expect((await store.listOpenConversations()).map((c) => c.id)).toEqual(['cnv_1', 'cnv_2']);
    });
  });
}
