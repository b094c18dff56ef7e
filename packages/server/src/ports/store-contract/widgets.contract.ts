import { describe, expect, it } from 'vitest';
import { type GetStore, rule, seedWidget, t0, user, widget } from './fixtures.ts';

export function describeWidgets(getStore: GetStore): void {
  describe('widgets', () => {
    it('round-trips a widget, JSON fields and booleans included, optional fields absent', async () => {
      const store = getStore();
      await seedWidget(store);
      expect(await store.getWidget('wgt_1')).toStrictEqual(widget());
      expect(await store.getWidgetByKey('key_1')).toStrictEqual(widget());
    });

    it('round-trips the identity settings when present', async () => {
      const store = getStore();
      const row = await seedWidget(store, {
        identityAlgorithm: 'HS256',
        identityIssuer: 'https://shop.example',
        identitySecret: 's3cret',
        enabled: false,
        proactiveEnabled: true,
        allowedOrigins: [],
        prechatFields: [],
        fatigue: { perVisit: 5, perWeek: 12, dismissBackoffMinutes: 0 },
      });
      expect(await store.getWidget('wgt_1')).toStrictEqual(row);
    });

    it('returns undefined for unknown ids and keys', async () => {
      const store = getStore();
      expect(await store.getWidget('wgt_missing')).toBeUndefined();
      expect(await store.getWidgetByKey('key_missing')).toBeUndefined();
    });

    it('rejects a duplicate key', async () => {
      const store = getStore();
      await seedWidget(store);
      await expect(store.createWidget(widget({ id: 'wgt_2' }))).rejects.toThrow();
    });

    it('lists widgets', async () => {
      const store = getStore();
      expect(await store.listWidgets()).toEqual([]);
      await seedWidget(store);
      await seedWidget(store, { id: 'wgt_2', key: 'key_2', createdAt: t0 + 1 });
      expect((await store.listWidgets()).map((w) => w.id).sort()).toEqual(['wgt_1', 'wgt_2']);
    });

    it('updates every field but id, key and createdAt', async () => {
      const store = getStore();
      await seedWidget(store);
      await store.createQueue({ id: 'que_2', name: 'Sales' });
      const changed = widget({
        key: 'key_changed',
        createdAt: t0 + 999,
        name: 'Shop 2',
        title: 'Talk to us',
        color: '#000000',
        locale: 'fr',
        enabled: false,
        proactiveEnabled: true,
        allowedOrigins: ['https://other.example'],
        queueId: 'que_2',
        offerTimeoutSeconds: 30,
        prechatFields: [{ name: 'phone', label: 'Phone', kind: 'tel', required: true, mapsTo: 'phone' }],
        identityAlgorithm: 'RS256',
        identityIssuer: 'iss',
        identitySecret: '-----BEGIN PUBLIC KEY-----',
      });
      await store.updateWidget(changed);
      expect(await store.getWidget('wgt_1')).toStrictEqual({ ...changed, key: 'key_1', createdAt: t0 });

      // Clearing optional fields stores them as absent again.
      await store.updateWidget(widget({ identityAlgorithm: 'none' }));
      expect(await store.getWidget('wgt_1')).toStrictEqual(widget());
    });
  });

  describe('queues', () => {
    it('creates and lists queues', async () => {
      const store = getStore();
      expect(await store.listQueues()).toEqual([]);
      await store.createQueue({ id: 'que_b', name: 'Sales' });
      await store.createQueue({ id: 'que_a', name: 'Support' });
      expect(await store.listQueues()).toEqual(
        expect.arrayContaining([
          { id: 'que_a', name: 'Support', assignmentMethod: 'most-free', autoAssign: false },
          { id: 'que_b', name: 'Sales', assignmentMethod: 'most-free', autoAssign: false },
        ]),
      );
      expect(await store.listQueues()).toHaveLength(2);
    });

    it('adds members once each and lists them per queue', async () => {
      const store = getStore();
      await store.createQueue({ id: 'que_1', name: 'Support' });
      await store.createQueue({ id: 'que_2', name: 'Sales' });
      await store.createUser(user({ id: 'usr_1', email: 'a@example.com' }));
      await store.createUser(user({ id: 'usr_2', email: 'b@example.com' }));
      expect(await store.listQueueMembers('que_1')).toEqual([]);
      await store.addQueueMember('que_1', 'usr_2');
      await store.addQueueMember('que_1', 'usr_1');
      await store.addQueueMember('que_1', 'usr_1');
      await store.addQueueMember('que_2', 'usr_2');
      expect((await store.listQueueMembers('que_1')).sort()).toEqual(['usr_1', 'usr_2']);
      expect(await store.listQueueMembers('que_2')).toEqual(['usr_2']);
    });
  });

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
}
