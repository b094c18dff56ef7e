import { describe, expect, it } from 'vitest';
import type { Store } from '../store.ts';
import { assign, type GetStore, offer, seedConversation, seedOffer, t0, user } from './fixtures.ts';

/** `count` waiting conversations cnv_0…, each with its own visitor. */
async function seedWaiting(store: Store, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `cnv_${i}`);
  for (const [i, id] of ids.entries()) await seedConversation(store, { id, visitorId: `vis_${i}` });
  return ids;
}

async function load(store: Store, agentId: string): Promise<number> {
  const active = await store.listAgentConversations(agentId, ['active']);
  return active.length + (await store.listPendingOffersForAgent(agentId)).length;
}

/** The `CapacityStore` port (store/capacity.ts). */
export function describeCapacity(getStore: GetStore): void {
  describe('capacity-checked offers and assignments', () => {
    it('lets at most capacity of many concurrent offers to one agent through', async () => {
      const store = getStore();
      await store.createUser(user({ capacity: 3 }));
      const ids = await seedWaiting(store, 16);
      const results = await Promise.all(
        ids.map((conversationId, i) =>
          store.createOfferWithinCapacity(offer({ id: `ofr_${i}`, conversationId })),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(3);
      const created = await store.listPendingOffersForAgent('usr_1');
      expect(created.map((o) => o.id).sort()).toEqual(
        results.flatMap((won, i) => (won ? [`ofr_${i}`] : [])).sort(),
      );
    });

    it('counts active conversations and pending offers; closed offers free capacity', async () => {
      const store = getStore();
      await store.createUser(user({ capacity: 2 }));
      await seedWaiting(store, 4);
      expect(await assign(store, 'cnv_0', 'usr_1', t0)).toBe(true);
      expect(await store.createOfferWithinCapacity(offer({ id: 'ofr_a', conversationId: 'cnv_1' }))).toBe(
        true,
      );
      expect(await store.createOfferWithinCapacity(offer({ id: 'ofr_b', conversationId: 'cnv_2' }))).toBe(
        false,
      );
      expect(await store.getOffer('ofr_b')).toBeUndefined();
      expect(await store.closeOffer('ofr_a', 'rejected', t0 + 1)).toBe(true);
      expect(await store.createOfferWithinCapacity(offer({ id: 'ofr_c', conversationId: 'cnv_2' }))).toBe(
        true,
      );
      await store.createUser(user({ id: 'usr_0', email: 'zero@example.com', capacity: 0 }));
      const toZero = offer({ id: 'ofr_z', conversationId: 'cnv_3', agentId: 'usr_0' });
      expect(await store.createOfferWithinCapacity(toZero)).toBe(false);
      expect(await store.createOfferWithinCapacity(offer({ id: 'ofr_x', agentId: 'usr_missing' }))).toBe(
        false,
      );
    });

    it("marks the agent offered in the offer's queue when it makes the offer, and only then", async () => {
      const store = getStore();
      await store.createUser(user({ capacity: 1 }));
      await seedWaiting(store, 2);
      await store.addQueueMember('que_1', 'usr_1');
      const offeredAt = async () =>
        (await store.listQueueMemberLoads('que_1')).find((m) => m.userId === 'usr_1')?.lastOfferedAt;
      const made = offer({ id: 'ofr_a', conversationId: 'cnv_0', createdAt: t0 + 5 });
      expect(await store.createOfferWithinCapacity(made, 'que_1')).toBe(true);
      expect(await offeredAt()).toBe(t0 + 5);
      // Full: no offer, and the member is not marked.
      const refused = offer({ id: 'ofr_b', conversationId: 'cnv_1', createdAt: t0 + 9 });
      expect(await store.createOfferWithinCapacity(refused, 'que_1')).toBe(false);
      expect(await offeredAt()).toBe(t0 + 5);
    });

    it('assigns at most capacity of many concurrent auto-assignments, each conversation once', async () => {
      const store = getStore();
      await store.createUser(user({ capacity: 3 }));
      await store.createUser(user({ id: 'usr_2', email: 'bob@example.com', capacity: 3 }));
      const ids = await seedWaiting(store, 10);
      // Both agents race for every conversation: each may take 3, and no conversation is assigned twice.
      const results = await Promise.all(
        ids.flatMap((id) =>
          ['usr_1', 'usr_2'].map((agentId) => store.assignConversationWithinCapacity(id, agentId, t0)),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(6);
      expect(await store.listAgentConversations('usr_1', ['active'])).toHaveLength(3);
      expect(await store.listAgentConversations('usr_2', ['active'])).toHaveLength(3);
      expect(await store.assignConversationWithinCapacity('cnv_0', 'usr_1', t0)).toBe(false);
    });

    it('holds the limit when offers and auto-assignments race for the same agent', async () => {
      const store = getStore();
      await store.createUser(user({ capacity: 4 }));
      const ids = await seedWaiting(store, 20);
      await Promise.all(
        ids.map((id, i) =>
          i % 2 === 0
            ? store.createOfferWithinCapacity(offer({ id: `ofr_${i}`, conversationId: id }))
            : store.assignConversationWithinCapacity(id, 'usr_1', t0),
        ),
      );
      expect(await load(store, 'usr_1')).toBe(4);
    });

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
      // A later offer answers the same, and a closed offer makes room for the next.
      expect(await seedOffer(store, { id: 'ofr_x', agentId: 'usr_5' })).toBe(false);
      expect(await store.closeOffer(pending[0]!.id, 'expired', t0 + 1)).toBe(true);
      expect(await seedOffer(store, { id: 'ofr_next', agentId: 'usr_5' })).toBe(true);
    });

    it('accepts an offer and assigns its conversation in one step, reporting why it could not', async () => {
      const store = getStore();
      await store.createUser(user());
      await seedConversation(store);
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      await seedOffer(store);
      const accepted = await store.acceptOffer('ofr_1', t0 + 1);
      // The conversation as the acceptance left it, equal to a read after it.
      const stored = await store.getConversation('cnv_1');
      expect(stored).toMatchObject({ status: 'active', agentId: 'usr_1', acceptedAt: t0 + 1 });
      expect(accepted).toEqual({ outcome: 'assigned', conversation: stored });
      expect((await store.getOffer('ofr_1'))?.status).toBe('accepted');
      expect(await store.acceptOffer('ofr_1', t0 + 2)).toEqual({ outcome: 'closed' });
      expect(await store.acceptOffer('ofr_missing', t0 + 2)).toEqual({ outcome: 'closed' });
      await seedOffer(store, { id: 'ofr_2', conversationId: 'cnv_2' });
      await store.endConversation('cnv_2', t0 + 3);
      expect(await store.acceptOffer('ofr_2', t0 + 4)).toEqual({ outcome: 'ended' });
    });

    it('appends the joined message with the acceptance, only when it assigns', async () => {
      const store = getStore();
      await store.createUser(user());
      await seedConversation(store);
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      await store.appendMessage({ conversationId: 'cnv_1', author: 'visitor', text: 'hi', createdAt: t0 });
      await seedOffer(store);
      const accepted = await store.acceptOffer('ofr_1', t0 + 1, 'usr_1', 'Ann joined the chat.');
      const [, joined] = await store.listMessages('cnv_1', 0);
      expect(joined).toMatchObject({
        seq: 2,
        author: 'system',
        text: 'Ann joined the chat.',
        createdAt: t0 + 1,
      });
      // The message as stored, and the conversation as a read after both.
      expect(accepted).toEqual({
        outcome: 'assigned',
        conversation: await store.getConversation('cnv_1'),
        message: joined,
      });
      expect((await store.getConversation('cnv_1'))?.lastSeq).toBe(2);
      // Not accepted, or accepted for a chat that had ended: nothing appended.
      expect(await store.acceptOffer('ofr_1', t0 + 2, 'usr_1', 'again')).toEqual({ outcome: 'closed' });
      await seedOffer(store, { id: 'ofr_2', conversationId: 'cnv_2' });
      await store.endConversation('cnv_2', t0 + 3);
      expect(await store.acceptOffer('ofr_2', t0 + 4, 'usr_1', 'late')).toEqual({ outcome: 'ended' });
      expect(await store.listMessages('cnv_2', 0)).toEqual([]);
      expect(await store.listMessages('cnv_1', 0)).toHaveLength(2);
    });

    it("accepts neither an offer past its deadline nor, when the agent is named, another agent's", async () => {
      const store = getStore();
      await store.createUser(user());
      await seedConversation(store);
      await seedOffer(store, { expiresAt: t0 + 10 });
      expect(await store.acceptOffer('ofr_1', t0 + 10)).toEqual({ outcome: 'closed' });
      expect(await store.acceptOffer('ofr_1', t0 + 5, 'usr_other')).toEqual({ outcome: 'closed' });
      expect((await store.getOffer('ofr_1'))?.status).toBe('pending');
      expect((await store.getConversation('cnv_1'))?.status).toBe('waiting');
      expect((await store.acceptOffer('ofr_1', t0 + 5, 'usr_1')).outcome).toBe('assigned');
    });

    it("resets the agent's missed offers when it accepts, and only then", async () => {
      const store = getStore();
      await store.createUser(user());
      await seedConversation(store);
      await seedOffer(store);
      await store.recordMissedOffer('usr_1');
      expect(await store.acceptOffer('ofr_missing', t0 + 1)).toEqual({ outcome: 'closed' });
      expect(await store.recordMissedOffer('usr_1')).toBe(2);
      expect((await store.acceptOffer('ofr_1', t0 + 2)).outcome).toBe('assigned');
      expect(await store.recordMissedOffer('usr_1')).toBe(1);
      // An accepted offer whose conversation had ended resets it too: the agent was there to accept.
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      await seedOffer(store, { id: 'ofr_2', conversationId: 'cnv_2' });
      await store.endConversation('cnv_2', t0 + 3);
      expect((await store.acceptOffer('ofr_2', t0 + 4)).outcome).toBe('ended');
      expect(await store.recordMissedOffer('usr_1')).toBe(1);
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
        expect((await accepting).outcome).toBe('assigned');
        expect(await Promise.all(others)).toEqual([false, false, false, false, false, false]);
        expect(await load(store, 'usr_1')).toBe(1);
        await store.endConversation(`cnv_a${round}`, t0 + round);
      }
    });
  });
}
