import { describe, expect, it } from 'vitest';
import type { Store } from '../store.ts';
import {
  type GetStore,
  invitation,
  offer,
  seedConversation,
  seedVisitor,
  seedWidget,
  t0,
  user,
} from './fixtures.ts';

async function load(store: Store, agentId: string): Promise<number> {
  const active = await store.listAgentConversations(agentId, ['active']);
  return active.length + (await store.listPendingOffersForAgent(agentId)).length;
}

/** Decisions several nodes may take at once, made once by the store (issues 4 and 6). */
export function describeOnceOnly(getStore: GetStore): void {
  describe('once-only decisions across nodes', () => {
    it('keeps one pending offer per conversation, whichever agents concurrent cycles pick', async () => {
      const store = getStore();
      for (let i = 0; i < 6; i++)
        await store.createUser(user({ id: `usr_${i}`, email: `a${i}@example.com` }));
      await seedConversation(store);
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          store.createOfferWithinCapacity(offer({ id: `ofr_${i}`, agentId: `usr_${i}` })),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const pending = (await store.listOffersForConversation('cnv_1')).filter((o) => o.status === 'pending');
      expect(pending.map((o) => o.id)).toEqual(results.flatMap((won, i) => (won ? [`ofr_${i}`] : [])));
      // The plain write answers the same, and a closed offer makes room for the next.
      expect(await store.createOffer(offer({ id: 'ofr_x', agentId: 'usr_5' }))).toBe(false);
      expect(await store.closeOffer(pending[0]!.id, 'expired', t0 + 1)).toBe(true);
      expect(await store.createOffer(offer({ id: 'ofr_next', agentId: 'usr_5' }))).toBe(true);
    });

    it('accepts an offer and assigns its conversation in one step, reporting why it could not', async () => {
      const store = getStore();
      await store.createUser(user());
      await seedConversation(store);
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      await store.createOffer(offer());
      expect(await store.acceptOffer('ofr_1', t0 + 1)).toBe('assigned');
      expect((await store.getConversation('cnv_1'))?.status).toBe('active');
      expect((await store.getOffer('ofr_1'))?.status).toBe('accepted');
      expect(await store.acceptOffer('ofr_1', t0 + 2)).toBe('closed');
      expect(await store.acceptOffer('ofr_missing', t0 + 2)).toBe('closed');
      await store.createOffer(offer({ id: 'ofr_2', conversationId: 'cnv_2' }));
      await store.endConversation('cnv_2', t0 + 3);
      expect(await store.acceptOffer('ofr_2', t0 + 4)).toBe('ended');
    });

    it('never lets a concurrent offer see the accepted slot free (capacity 1)', async () => {
      const store = getStore();
      await store.createUser(user({ capacity: 1 }));
      for (let round = 0; round < 4; round++) {
        await seedConversation(store, { id: `cnv_a${round}`, visitorId: `vis_a${round}` });
        for (let i = 0; i < 6; i++) {
          await seedConversation(store, { id: `cnv_b${round}${i}`, visitorId: `vis_b${round}${i}` });
        }
        const first = offer({ id: `ofr_a${round}`, conversationId: `cnv_a${round}` });
        expect(await store.createOfferWithinCapacity(first)).toBe(true);
        // Offers to the agent keep arriving (event-loop turns apart) while the accept is under way.
        const accepting = store.acceptOffer(first.id, t0 + round);
        const others: Promise<boolean>[] = [];
        for (let i = 0; i < 6; i++) {
          await new Promise((resolve) => setImmediate(resolve));
          const next = offer({ id: `ofr_b${round}${i}`, conversationId: `cnv_b${round}${i}` });
          others.push(store.createOfferWithinCapacity(next));
        }
        expect(await accepting).toBe('assigned');
        expect(await Promise.all(others)).toEqual([false, false, false, false, false, false]);
        expect(await load(store, 'usr_1')).toBe(1);
        await store.endConversation(`cnv_a${round}`, t0 + round);
      }
    });

    it('shows one invitation per visitor at a time, whatever number of tabs decide at once', async () => {
      const store = getStore();
      await seedWidget(store);
      await seedVisitor(store);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.createInvitation(invitation({ id: `inv_${i}`, createdAt: t0 + i })),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const shown = await store.findShownInvitation('vis_1');
      expect(shown?.id).toBe(`inv_${results.indexOf(true)}`);
      expect(await store.listInvitations('vis_1', 0)).toHaveLength(1);
      // Holdout records are not shown: they never conflict. A closed invitation makes room for the next.
      const held = invitation({ id: 'inv_held', status: 'held', closedAt: t0 });
      expect(await store.createInvitation(held)).toBe(true);
      expect(await store.closeInvitation(shown!.id, 'dismissed', t0 + 10)).toBe(true);
      expect(await store.createInvitation(invitation({ id: 'inv_next', createdAt: t0 + 20 }))).toBe(true);
    });

    it('counts missed offers per agent in the store, every concurrent timeout counted', async () => {
      const store = getStore();
      await store.createUser(user());
      await store.createUser(user({ id: 'usr_2', email: 'b@example.com' }));
      const counts = await Promise.all(Array.from({ length: 5 }, () => store.recordMissedOffer('usr_1')));
      expect(counts.sort()).toEqual([1, 2, 3, 4, 5]);
      expect(await store.recordMissedOffer('usr_2')).toBe(1);
      await store.resetMissedOffers('usr_1');
      expect(await store.recordMissedOffer('usr_1')).toBe(1);
      expect(await store.recordMissedOffer('usr_missing')).toBe(0);
    });

    it('finds open chats whose visitor has had no socket on any node since the cutoff', async () => {
      const store = getStore();
      await seedConversation(store);
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      await seedConversation(store, { id: 'cnv_3', visitorId: 'vis_3' });
      await store.endConversation('cnv_3', t0);
      // vis_1: two nodes, both close. vis_2: one of two nodes closes. vis_3: gone, but the chat ended.
      await store.addVisitorConnection('node_a', 'vis_1');
      await store.addVisitorConnection('node_b', 'vis_1');
      await store.addVisitorConnection('node_a', 'vis_2');
      await store.addVisitorConnection('node_b', 'vis_2');
      await store.addVisitorConnection('node_a', 'vis_3');
      await store.removeVisitorConnection('node_a', 'vis_1', t0 + 10);
      expect(await store.listAbandonedConversations(t0 + 1_000)).toEqual([]);
      await store.removeVisitorConnection('node_b', 'vis_1', t0 + 20);
      await store.removeVisitorConnection('node_a', 'vis_2', t0 + 20);
      await store.removeVisitorConnection('node_a', 'vis_3', t0 + 20);
      expect(await store.listAbandonedConversations(t0 + 19)).toEqual([]);
      expect((await store.listAbandonedConversations(t0 + 20)).map((c) => c.id)).toEqual(['cnv_1']);
      // Back on any node: no longer gone.
      await store.addVisitorConnection('node_c', 'vis_1');
      expect(await store.listAbandonedConversations(t0 + 1_000)).toEqual([]);
    });

    it("counts a dead node's visitors gone from the reap, unless they have a socket on another node", async () => {
      const store = getStore();
      await seedConversation(store);
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      await store.heartbeatNode('node_dead', t0);
      await store.heartbeatNode('node_live', t0 + 10_000);
      await store.addVisitorConnection('node_dead', 'vis_1');
      await store.addVisitorConnection('node_dead', 'vis_2');
      await store.addVisitorConnection('node_live', 'vis_2');
      await store.reapVisitorConnections(t0 + 5_000, 'node_live');
      expect(await store.listAbandonedConversations(t0 + 4_999)).toEqual([]);
      expect((await store.listAbandonedConversations(t0 + 5_000)).map((c) => c.id)).toEqual(['cnv_1']);
      // The reaper never counts its own sockets.
      await store.addVisitorConnection('node_self', 'vis_1');
      await store.heartbeatNode('node_self', t0);
      await store.heartbeatNode('node_live', t0 + 60_000);
      await store.reapVisitorConnections(t0 + 60_000, 'node_self');
      expect(await store.listAbandonedConversations(t0 + 60_000)).toEqual([]);
    });
  });
}
