import { describe, expect, it } from 'vitest';
import { type GetStore, invitation, seedConversation, seedVisitor, t0 } from './fixtures.ts';

export function describeRouting(getStore: GetStore): void {
  describe('routing: handling times, transfers, wrap-ups, supervisor counts', () => {
    it('lists handled conversations of a queue, most recently ended first', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      await seedConversation(store, { id: 'cnv_3', visitorId: 'vis_3' });
      await store.assignConversation('cnv_1', 'usr_1', t0 + 1000);
      await store.endConversation('cnv_1', t0 + 61_000);
      await store.assignConversation('cnv_2', 'usr_1', t0 + 2000);
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
      await store.assignConversation('cnv_1', 'usr_1', t0);
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

    it('stores one wrap-up per conversation and lists ended conversations still awaiting one', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      await seedConversation(store, { id: 'cnv_3', visitorId: 'vis_3' });
      for (const id of ['cnv_1', 'cnv_2', 'cnv_3']) await store.assignConversation(id, 'usr_1', t0);
      await store.endConversation('cnv_1', t0 + 10);
      await store.endConversation('cnv_2', t0 + 20);
      expect((await store.listAwaitingWrapUp('usr_1', t0)).map((c) => c.id)).toEqual(['cnv_1', 'cnv_2']);
      expect(await store.listAwaitingWrapUp('usr_1', t0 + 15)).toHaveLength(1);
      const wrapUp = {
        conversationId: 'cnv_1',
        agentId: 'usr_1',
        outcome: 'resolved' as const,
        notes: 'Sent the "reset" link',
        at: t0 + 30,
      };
      expect(await store.saveWrapUp(wrapUp)).toBe(true);
      expect(await store.saveWrapUp({ ...wrapUp, notes: 'again' })).toBe(false);
      expect(await store.getWrapUp('cnv_1')).toStrictEqual(wrapUp);
      expect(await store.getWrapUp('cnv_2')).toBeUndefined();
      expect((await store.listAwaitingWrapUp('usr_1', t0)).map((c) => c.id)).toEqual(['cnv_2']);
    });

    it('lists open conversations and counts invitations by status since a time', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1', createdAt: t0 + 1 });
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2', createdAt: t0 + 2 });
      await seedConversation(store, { id: 'cnv_3', visitorId: 'vis_3', createdAt: t0 + 3 });
      await store.assignConversation('cnv_2', 'usr_1', t0);
      await store.endConversation('cnv_3', t0);
      expect((await store.listOpenConversations()).map((c) => c.id)).toEqual(['cnv_1', 'cnv_2']);

      await seedVisitor(store, { id: 'vis_9' });
      // One `shown` at a time per visitor: each is closed before the next is shown.
      await store.createInvitation(invitation({ id: 'inv_old', visitorId: 'vis_9', createdAt: t0 - 1 }));
      await store.closeInvitation('inv_old', 'expired', t0);
      await store.createInvitation(invitation({ id: 'inv_1', visitorId: 'vis_9', createdAt: t0 }));
      await store.closeInvitation('inv_1', 'accepted', t0 + 5);
      await store.createInvitation(invitation({ id: 'inv_2', visitorId: 'vis_9', createdAt: t0 + 1 }));
      await store.closeInvitation('inv_2', 'dismissed', t0 + 5);
      await store.createInvitation(invitation({ id: 'inv_3', visitorId: 'vis_9', createdAt: t0 + 2 }));
      expect(await store.countInvitationsByStatus(t0)).toStrictEqual({
        shown: 1,
        accepted: 1,
        dismissed: 1,
        expired: 0,
        held: 0,
      });
    });

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
