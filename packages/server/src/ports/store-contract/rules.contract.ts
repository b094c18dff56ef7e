import { describe, expect, it } from 'vitest';
import { type GetStore, rule, seedWidget, t0 } from './fixtures.ts';

/** The `RuleStore` port (store/rules.ts). */
export function describeRules(getStore: GetStore): void {
  describe('rules', () => {
    it('round-trips a rule with a nested condition tree and translations', async () => {
      const store = getStore();
      await seedWidget(store);
      await store.createRule(rule());
      expect(await store.getRule('rul_1')).toStrictEqual(rule());
      expect(await store.getRule('rul_missing')).toBeUndefined();
    });

    it('round-trips the caps of a rule, and leaves them absent when unset', async () => {
      const store = getStore();
      await seedWidget(store);
      const capped = rule({ id: 'rul_capped', caps: { perPage: true, perDay: 3 } });
      await store.createRule(capped);
      expect(await store.getRule('rul_capped')).toStrictEqual(capped);
      await store.updateRule({ ...capped, caps: undefined });
      expect(await store.getRule('rul_capped')).not.toHaveProperty('caps');
    });

    it('lists the rules of one widget ordered by id, whatever the insertion order', async () => {
      const store = getStore();
      await seedWidget(store);
      await seedWidget(store, { id: 'wgt_2', key: 'key_2' });
      await store.createRule(rule({ id: 'rul_c' }));
      await store.createRule(rule({ id: 'rul_a', priority: 5, message: { text: 'Hi' } }));
      await store.createRule(rule({ id: 'rul_other', widgetId: 'wgt_2' }));
      await store.createRule(rule({ id: 'rul_b', enabled: false }));
      const listed = await store.listRules('wgt_1');
      expect(listed.map((r) => r.id)).toEqual(['rul_a', 'rul_b', 'rul_c']);
      expect(listed[0]).toStrictEqual(rule({ id: 'rul_a', priority: 5, message: { text: 'Hi' } }));
      expect(listed[1]?.enabled).toBe(false);
      expect(await store.listRules('wgt_none')).toEqual([]);
    });

    it('updates and deletes a rule', async () => {
      const store = getStore();
      await seedWidget(store);
      await store.createRule(rule());
      const changed = rule({
        name: 'Renamed',
        enabled: false,
        priority: 7,
        conditions: { type: 'visitCount', op: 'gte', value: 3 },
        message: { text: 'Welcome back' },
        showPrechat: true,
        updatedAt: t0 + 5,
      });
      expect(await store.updateRule(changed)).toBe(true);
      expect(await store.getRule('rul_1')).toStrictEqual(changed);
      // Optimistic: written only over the version it was computed from.
      expect(await store.updateRule({ ...changed, name: 'Stale', updatedAt: t0 + 6 }, t0)).toBe(false);
      expect(await store.getRule('rul_1')).toStrictEqual(changed);
      const next = { ...changed, name: 'Next', updatedAt: t0 + 6 };
      expect(await store.updateRule(next, t0 + 5)).toBe(true);
      expect(await store.getRule('rul_1')).toStrictEqual(next);
      await store.deleteRule('rul_1');
      expect(await store.getRule('rul_1')).toBeUndefined();
      expect(await store.listRules('wgt_1')).toEqual([]);
      await expect(store.deleteRule('rul_1')).resolves.toBeUndefined();
    });
  });

  describe('rule history and previews', () => {
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
