import { describe, expect, it } from 'vitest';
import type { RuleRow, Store, WidgetRow } from '../store.ts';
import { type GetStore, invitation, rule, seedConversation, seedVisitor, t0 } from './fixtures.ts';

/** History from `t0 + 100`, or from the beginning while a rule is named `far` (as a per-visitor cap reaches). */
const since = (_widget: WidgetRow, rules: readonly RuleRow[]) =>
  rules.some((r) => r.name === 'far') ? 0 : t0 + 100;

async function seed(store: Store): Promise<void> {
  await seedVisitor(store);
  await store.updateWidget({ ...(await store.getWidget('wgt_1'))!, proactiveEnabled: true });
  await store.createRule(rule({ id: 'rul_1' }));
  await store.createRule(rule({ id: 'rul_2', name: 'Draft', status: 'draft' }));
  await store.createInvitation(invitation({ id: 'inv_old', status: 'expired', closedAt: t0 + 1 }));
  await store.createInvitation(
    invitation({ id: 'inv_new', status: 'dismissed', createdAt: t0 + 200, closedAt: t0 + 201 }),
  );
}

/** The `RuleCheckStore` port (store/rule-checks.ts). */
export function describeRuleChecks(getStore: GetStore): void {
  describe('rule checks', () => {
    it('read what the widget, rule and invitation reads answer', async () => {
      const store = getStore();
      await seed(store);
      const reads = await store.readRuleCheck('wgt_1', 'vis_1', since);
      expect(reads).toStrictEqual({
        widget: await store.getWidget('wgt_1'),
        rules: await store.listRules('wgt_1'),
        busy: false,
        history: await store.listInvitations('vis_1', t0 + 100),
      });
      expect(reads.history.map((i) => i.id)).toEqual(['inv_new']);
    });

    it('see every change of the widget and its rules at the next read', async () => {
      const store = getStore();
      await seed(store);
      await store.readRuleCheck('wgt_1', 'vis_1', since);
      const widget = (await store.getWidget('wgt_1'))!;
      await store.updateWidget({ ...widget, title: 'Changed' });
      await store.updateRule({ ...rule({ id: 'rul_1' }), enabled: false, updatedAt: t0 + 1 });
      let reads = await store.readRuleCheck('wgt_1', 'vis_1', since);
      expect(reads.widget?.title).toBe('Changed');
      expect(reads.rules.map((r) => [r.id, r.enabled])).toEqual([
        ['rul_1', false],
        ['rul_2', true],
      ]);
      await store.deleteRule('rul_2');
      reads = await store.readRuleCheck('wgt_1', 'vis_1', since);
      expect(reads.rules.map((r) => r.id)).toEqual(['rul_1']);
      await store.updateWidget({ ...widget, proactiveEnabled: false });
      expect((await store.readRuleCheck('wgt_1', 'vis_1', since)).widget?.proactiveEnabled).toBe(false);
    });

    it('reach as far back as changed rules ask', async () => {
      const store = getStore();
      await seed(store);
      expect((await store.readRuleCheck('wgt_1', 'vis_1', since)).history.map((i) => i.id)).toEqual([
        'inv_new',
      ]);
      await store.updateRule({ ...rule({ id: 'rul_1' }), name: 'far', updatedAt: t0 + 1 });
      const reads = await store.readRuleCheck('wgt_1', 'vis_1', since);
      expect(reads.history.map((i) => i.id)).toEqual(['inv_old', 'inv_new']);
    });

    it('say the visitor is busy while an invitation shows or a chat is open', async () => {
      const store = getStore();
      await seed(store);
      await store.createInvitation(invitation({ id: 'inv_shown', createdAt: t0 + 300 }));
      expect((await store.readRuleCheck('wgt_1', 'vis_1', since)).busy).toBe(true);
      await store.closeInvitation('inv_shown', 'dismissed', t0 + 301);
      expect((await store.readRuleCheck('wgt_1', 'vis_1', since)).busy).toBe(false);
      await seedConversation(store);
      expect((await store.readRuleCheck('wgt_1', 'vis_1', since)).busy).toBe(true);
    });

    it('answer no widget for a missing one', async () => {
      const store = getStore();
      await seedVisitor(store);
      const reads = await store.readRuleCheck('wgt_missing', 'vis_1', since);
      expect(reads.widget).toBeUndefined();
      expect(reads.busy).toBe(false);
    });
  });
}
