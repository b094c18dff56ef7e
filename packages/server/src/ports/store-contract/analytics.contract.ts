import { describe, expect, it } from 'vitest';
import { type GetStore, invitation, seedConversation, seedVisitor, seedWidget, t0 } from './fixtures.ts';

/** The `AnalyticsStore` port (store/analytics.ts). */
export function describeAnalytics(getStore: GetStore): void {
  describe('analytics', () => {
    it("lists a widget's invitations and conversations in [from, to), keeping the A/B variant", async () => {
      const store = getStore();
      await seedVisitor(store);
      await seedVisitor(store, { id: 'vis_2' });
      await seedWidget(store, { id: 'wgt_2', key: 'key_2' });
      await store.createInvitation(invitation({ id: 'inv_1', createdAt: t0, variant: 'A' }));
      await store.createInvitation(
        invitation({
          id: 'inv_2',
          createdAt: t0 + 10,
          status: 'held',
          closedAt: t0 + 10,
          variant: 'holdout',
        }),
      );
      // A second `shown` invitation must be another visitor's.
      await store.createInvitation(invitation({ id: 'inv_3', visitorId: 'vis_2', createdAt: t0 + 20 }));
      await store.createInvitation(
        invitation({
          id: 'inv_4',
          widgetId: 'wgt_2',
          createdAt: t0 + 5,
          status: 'expired',
          closedAt: t0 + 6,
        }),
      );
      const listed = await store.listWidgetInvitations('wgt_1', t0, t0 + 20);
      expect(listed.map((row) => [row.id, row.variant, row.status])).toEqual([
        ['inv_1', 'A', 'shown'],
        ['inv_2', 'holdout', 'held'],
      ]);
      expect((await store.listWidgetInvitations('wgt_1', t0, t0 + 21))[2]).toStrictEqual(
        invitation({ id: 'inv_3', visitorId: 'vis_2', createdAt: t0 + 20 }),
      );
      await seedConversation(store, { id: 'cnv_1', createdAt: t0 + 100, invitationId: 'inv_1' });
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2', createdAt: t0 + 200 });
      const conversations = await store.listWidgetConversations('wgt_1', t0 + 100, t0 + 200);
      expect(conversations.map((row) => [row.id, row.invitationId])).toEqual([['cnv_1', 'inv_1']]);
      expect(await store.listWidgetConversations('wgt_2', 0, t0 + 1000)).toEqual([]);
    });

    it("lists a widget's tracked events of the named kinds in [from, to), oldest first", async () => {
      const store = getStore();
      await seedVisitor(store);
      await seedVisitor(store, { id: 'vis_2', widgetId: 'wgt_2' });
      const track = (id: string, visitorId: string, name: string, at: number) =>
        store.addVisitEvent({ id, visitorId, visitStartedAt: t0, name, at, props: { total: 30 } });
      await track('evt_1', 'vis_1', 'purchase', t0 + 20);
      await track('evt_2', 'vis_1', 'signup', t0 + 10);
      await track('evt_3', 'vis_1', 'purchase', t0 + 5);
      await track('evt_4', 'vis_2', 'purchase', t0 + 6);
      await track('evt_5', 'vis_1', 'purchase', t0 + 30);
      expect(await store.listWidgetEvents('wgt_1', ['purchase'], t0 + 5, t0 + 30)).toEqual([
        { visitorId: 'vis_1', name: 'purchase', at: t0 + 5 },
        { visitorId: 'vis_1', name: 'purchase', at: t0 + 20 },
      ]);
      expect((await store.listWidgetEvents('wgt_1', ['purchase', 'signup'], t0, t0 + 30)).length).toBe(3);
      expect(await store.listWidgetEvents('wgt_1', [], t0, t0 + 100)).toEqual([]);
    });

    it('adds rule evaluation counts per day, concurrent adds included, and lists a day range', async () => {
      const store = getStore();
      const count = (ruleId: string, day: string, evaluated: number) => ({
        ruleId,
        widgetId: 'wgt_1',
        day,
        evaluated,
      });
      await store.addRuleEvaluations([count('rul_1', '2026-11-23', 5), count('rul_2', '2026-11-24', 1)]);
      await Promise.all([
        store.addRuleEvaluations([count('rul_1', '2026-11-24', 2)]),
        store.addRuleEvaluations([count('rul_1', '2026-11-24', 3)]),
        store.addRuleEvaluations([count('rul_1', '2026-11-25', 7)]),
      ]);
      expect(await store.listRuleEvaluations('wgt_1', '2026-11-23', '2026-11-24')).toEqual([
        count('rul_1', '2026-11-23', 5),
        count('rul_1', '2026-11-24', 5),
        count('rul_2', '2026-11-24', 1),
      ]);
      expect(await store.listRuleEvaluations('wgt_9', '2026-01-01', '2026-12-31')).toEqual([]);
    });

    it('counts invitations by status since a time', async () => {
      const store = getStore();
      await seedVisitor(store, { id: 'vis_9' });
      // One `shown` at a time per visitor: each is closed before the next is shown.
      await store.createInvitation(invitation({ id: 'inv_old', visitorId: 'vis_9', createdAt: t0 - 1 }));
      await store.closeInvitation('inv_old', 'expired', t0);
      await store.createInvitation(invitation({ id: 'inv_1', visitorId: 'vis_9', createdAt: t0 }));
      await store.closeInvitation('inv_1', 'accepted', t0 + 5);
      await store.createInvitation(invitation({ id: 'inv_2', visitorId: 'vis_9', createdAt: t0 + 1 }));
      await store.closeInvitation('inv_2', 'dismissed', t0 + 5);
      await store.createInvitation(invitation({ id: 'inv_3', visitorId: 'vis_9', createdAt: t0 + 2 }));
      await store.closeInvitation('inv_3', 'dismissed', t0 + 5);
      // A preview link's invitation is an admin checking a draft: never counted.
      await store.createInvitation(
        invitation({ id: 'inv_preview', visitorId: 'vis_9', createdAt: t0 + 3, variant: 'preview' }),
      );
      await store.closeInvitation('inv_preview', 'accepted', t0 + 5);
      await store.createInvitation(invitation({ id: 'inv_4', visitorId: 'vis_9', createdAt: t0 + 4 }));
      expect(await store.countInvitationsByStatus(t0)).toStrictEqual({
        shown: 1,
        accepted: 1,
        dismissed: 2,
        expired: 0,
        held: 0,
        withdrawn: 0,
      });
    });
  });
}
