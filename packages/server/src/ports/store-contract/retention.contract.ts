import { describe, expect, it } from 'vitest';
import { type GetStore, seedConversation, seedVisitor, t0 } from './fixtures.ts';

/** The `RetentionStore` port (store/retention.ts). */
export function describeRetention(getStore: GetStore): void {
  describe('retention', () => {
    it('keeps the settings an admin made, forever included, and overwrites them', async () => {
      const store = getStore();
      expect(await store.getRetentionSettings()).toEqual({});
      await store.setRetentionSetting('pageViews', 30, t0);
      await store.setRetentionSetting('messages', null, t0);
      await store.setRetentionSetting('pageViews', 60, t0 + 1);
      expect(await store.getRetentionSettings()).toEqual({ pageViews: 60, messages: null });
    });

    it('purges page views and events older than the cutoff, in bounded batches', async () => {
      const store = getStore();
      await seedVisitor(store);
      for (let i = 0; i < 3; i++) {
        await store.recordPageView({
          id: `pv_${i}`,
          visitorId: 'vis_1',
          url: 'https://a.example/',
          title: '',
          at: t0 + i,
        });
        await store.addVisitEvent({
          id: `evt_${i}`,
          visitorId: 'vis_1',
          visitStartedAt: t0,
          name: 'e',
          at: t0 + i,
        });
      }
      expect(await store.purgePageViews(t0 + 2, 1)).toBe(1);
      expect(await store.purgePageViews(t0 + 2, 10)).toBe(1);
      expect(await store.purgePageViews(t0 + 2, 10)).toBe(0);
      expect((await store.listPageViews('vis_1', 0)).map((v) => v.id)).toEqual(['pv_2']);
      const [a, b] = await Promise.all([
        store.purgeVisitEvents(t0 + 5, 10),
        store.purgeVisitEvents(t0 + 5, 10),
      ]);
      expect(a + b).toBe(3);
      expect(await store.listVisitEvents('vis_1', t0, 10)).toEqual([]);
    });

    it('purges the messages of conversations ended before the cutoff only', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_old', visitorId: 'vis_1' });
      await seedConversation(store, { id: 'cnv_open', visitorId: 'vis_2' });
      for (const id of ['cnv_old', 'cnv_open']) {
        await store.appendMessage({ conversationId: id, author: 'visitor', text: 'hi', createdAt: t0 });
        await store.appendMessage({
          conversationId: id,
          author: 'visitor',
          text: 'there',
          createdAt: t0 + 1,
        });
      }
      expect(await store.endConversation('cnv_old', t0 + 10)).toBe(true);
      expect(await store.purgeMessages(t0 + 10, 10)).toBe(0);
      expect(await store.purgeMessages(t0 + 11, 1)).toBe(1);
      expect(await store.purgeMessages(t0 + 11, 10)).toBe(1);
      expect(await store.listMessages('cnv_old', 0)).toEqual([]);
      expect(await store.listMessages('cnv_open', 0)).toHaveLength(2);
      // The conversation itself stays: the supervisor's and funnel figures read it.
      expect((await store.getConversation('cnv_old'))?.status).toBe('ended');
    });
  });
}
