import { describe, expect, it } from 'vitest';
import {
  type GetStore,
  invitation,
  rule,
  seedConversation,
  seedVisitor,
  seedWidget,
  t0,
} from './fixtures.ts';

/** Facts the proactive rules read from before the current visit. */
export function describeJourney(getStore: GetStore): void {
  describe('journey facts', () => {
    it('lastPageViewBefore returns the latest view strictly before the instant, for that visitor only', async () => {
      const store = getStore();
      await seedVisitor(store);
      await seedVisitor(store, { id: 'vis_2' });
      const view = (id: string, visitorId: string, at: number) =>
        store.addPageView({ id, visitorId, url: `https://s/${id}`, title: id, at });
      await view('pv_b', 'vis_1', t0 + 2_000);
      await view('pv_a', 'vis_1', t0 + 1_000);
      await view('pv_c', 'vis_1', t0 + 5_000);
      await view('pv_x', 'vis_2', t0 + 4_000);
      expect((await store.lastPageViewBefore('vis_1', t0 + 5_000))?.id).toBe('pv_b');
      expect((await store.lastPageViewBefore('vis_1', t0 + 5_001))?.id).toBe('pv_c');
      expect(await store.lastPageViewBefore('vis_1', t0 + 1_000)).toBeUndefined();
      expect(await store.lastPageViewBefore('vis_3', t0 + 9_000)).toBeUndefined();
    });

    it('visit events: the latest `limit` of that visit, oldest first, props kept', async () => {
      const store = getStore();
      await seedVisitor(store);
      await seedVisitor(store, { id: 'vis_2' });
      const event = (id: string, visitorId: string, visitStartedAt: number, at: number, props?: object) =>
        store.addVisitEvent({
          id,
          visitorId,
          visitStartedAt,
          name: 'added_to_cart',
          at,
          ...(props && { props: props as Record<string, string | number | boolean> }),
        });
      await event('ve_3', 'vis_1', t0, t0 + 3_000, { sku: 'A', qty: 2, gift: true });
      await event('ve_1', 'vis_1', t0, t0 + 1_000);
      await event('ve_2', 'vis_1', t0, t0 + 2_000);
      await event('ve_old', 'vis_1', t0 - 90_000_000, t0 - 90_000_000);
      await event('ve_x', 'vis_2', t0, t0 + 2_500);
      const all = await store.listVisitEvents('vis_1', t0, 500);
      expect(all.map((e) => e.id)).toEqual(['ve_1', 've_2', 've_3']);
      expect(all[2]).toEqual({
        id: 've_3',
        visitorId: 'vis_1',
        visitStartedAt: t0,
        name: 'added_to_cart',
        props: { sku: 'A', qty: 2, gift: true },
        at: t0 + 3_000,
      });
      expect(all[0]).not.toHaveProperty('props');
      expect((await store.listVisitEvents('vis_1', t0, 2)).map((e) => e.id)).toEqual(['ve_2', 've_3']);
      expect(await store.listVisitEvents('vis_3', t0, 500)).toEqual([]);
    });

    it('findLastConversation returns the newest conversation whatever its status', async () => {
      const store = getStore();
      expect(await store.findLastConversation('vis_1')).toBeUndefined();
      await seedConversation(store, { id: 'cnv_1', createdAt: t0 });
      await seedConversation(store, { id: 'cnv_2', createdAt: t0 + 60_000 });
      await store.endConversation('cnv_2', t0 + 90_000);
      const last = await store.findLastConversation('vis_1');
      expect(last?.id).toBe('cnv_2');
      expect(last?.endedAt).toBe(t0 + 90_000);
      expect(await store.findLastConversation('vis_2')).toBeUndefined();
    });

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
      await seedConversation(store, { id: 'cnv_2', createdAt: t0 + 200 });
      const conversations = await store.listWidgetConversations('wgt_1', t0 + 100, t0 + 200);
      expect(conversations.map((row) => [row.id, row.invitationId])).toEqual([['cnv_1', 'inv_1']]);
      expect(await store.listWidgetConversations('wgt_2', 0, t0 + 1000)).toEqual([]);
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

    it('appends rule versions, lists them newest first, and refuses a duplicate version', async () => {
      const store = getStore();
      const { id: _id, widgetId: _w, updatedAt: _u, ...content } = rule();
      const version = (n: number, action: 'created' | 'published', userId?: string) => ({
        ruleId: 'rul_1',
        version: n,
        widgetId: 'wgt_1',
        action,
        at: t0 + n,
        rule: { ...content, name: `v${n}` },
        ...(userId ? { userId } : {}),
      });
      await store.addRuleVersion(version(1, 'created'));
      await store.addRuleVersion(version(2, 'published', 'usr_1'));
      expect(await store.listRuleVersions('rul_1')).toStrictEqual([
        version(2, 'published', 'usr_1'),
        version(1, 'created'),
      ]);
      await expect(store.addRuleVersion(version(2, 'created'))).rejects.toThrow();
      expect(await store.listRuleVersions('rul_9')).toEqual([]);
    });

    it('stores a rule preview by token hash and finds it again', async () => {
      const store = getStore();
      const preview = {
        tokenHash: 'ab12',
        ruleId: 'rul_1',
        widgetId: 'wgt_1',
        userId: 'usr_1',
        expiresAt: t0 + 3_600_000,
      };
      await store.createRulePreview(preview);
      expect(await store.getRulePreview('ab12')).toStrictEqual(preview);
      expect(await store.getRulePreview('cd34')).toBeUndefined();
      await expect(store.createRulePreview(preview)).rejects.toThrow();
    });
  });
}
