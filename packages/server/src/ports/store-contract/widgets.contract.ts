import { describe, expect, it } from 'vitest';
import { type GetStore, seedWidget, t0, widget } from './fixtures.ts';

/** The `WidgetStore` port (store/widgets.ts). */
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
        identityAudience: 'https://shop.example/chat',
        identityMaxLifetimeSeconds: 3600,
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
        identityAudience: 'aud',
        identityMaxLifetimeSeconds: 600,
      });
      await store.updateWidget(changed);
      expect(await store.getWidget('wgt_1')).toStrictEqual({ ...changed, key: 'key_1', createdAt: t0 });

      // Clearing optional fields stores them as absent again.
      await store.updateWidget(widget({ identityAlgorithm: 'none' }));
      expect(await store.getWidget('wgt_1')).toStrictEqual(widget());
    });
  });
}
