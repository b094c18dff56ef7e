import { describe, expect, it } from 'vitest';
import { type GetStore, invitation, seedConversation, seedVisitor, t0 } from './fixtures.ts';

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
      // With its last seq: a message after the purge is not numbered as if the chat had none.
      expect((await store.getConversation('cnv_old'))?.lastSeq).toBe(2);
      expect(
        (
          await store.appendMessage({
            conversationId: 'cnv_old',
            author: 'system',
            text: 'x',
            createdAt: t0 + 12,
          })
        ).seq,
      ).toBe(3);
    });

    it('purges ended conversations with their surveys, and old invitations, in bounded batches', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_old', visitorId: 'vis_1' });
      await seedConversation(store, { id: 'cnv_open', visitorId: 'vis_2' });
      await store.appendMessage({ conversationId: 'cnv_old', author: 'visitor', text: 'hi', createdAt: t0 });
      await store.endConversation('cnv_old', t0 + 10);
      await store.saveChatSurvey({ conversationId: 'cnv_old', rating: 4, createdAt: t0 + 11 });
      await store.saveLeftMessage({
        conversationId: 'cnv_old',
        visitorId: 'vis_1',
        name: 'Ann',
        email: 'ann@example.com',
        language: 'en',
        createdAt: t0,
      });
      expect(await store.purgeConversations(t0 + 10, 10)).toBe(0);
      expect(await store.purgeConversations(t0 + 11, 10)).toBe(1);
      expect(await store.getConversation('cnv_old')).toBeUndefined();
      // The name and address of a message left when nobody could answer go with their conversation.
      expect(await store.getLeftMessage('cnv_old')).toBeUndefined();
      expect(await store.listChatSurveys(['cnv_old'])).toEqual([]);
      expect((await store.getConversation('cnv_open'))?.status).toBe('waiting');

      await store.createInvitation(invitation({ id: 'inv_a', createdAt: t0 }));
      await store.createInvitation(invitation({ id: 'inv_b', visitorId: 'vis_2', createdAt: t0 + 5 }));
      expect(await store.oldestInvitationAt(t0 + 1, t0 + 100)).toBe(t0 + 5);
      expect(await store.oldestInvitationAt(t0 + 6, t0 + 100)).toBeUndefined();
      expect(await store.purgeInvitations(t0 + 6, 1)).toBe(1);
      expect(await store.purgeInvitations(t0 + 6, 10)).toBe(1);
      expect(await store.listWidgetInvitations('wgt_1', 0, t0 + 100)).toEqual([]);
    });

    it('rolls a day of funnel counts up once, whichever caller comes first', async () => {
      const store = getStore();
      await seedVisitor(store);
      const day = Date.UTC(2023, 10, 14);
      await store.createInvitation(
        invitation({
          id: 'inv_r',
          source: 'rule',
          ruleId: 'rul_1',
          ruleName: 'R',
          variant: 'a',
          createdAt: day + 5,
        }),
      );
      await store.closeInvitation('inv_r', 'accepted', day + 10);
      // A smart one of the same rule and side: rolled into the same row, its part kept apart.
      await seedVisitor(store, { id: 'vis_2' });
      await store.createInvitation(
        invitation({
          id: 'inv_s',
          visitorId: 'vis_2',
          source: 'rule',
          ruleId: 'rul_1',
          ruleName: 'R',
          variant: 'a',
          createdAt: day + 20,
          smart: true,
        }),
      );
      await store.closeInvitation('inv_s', 'dismissed', day + 30);
      expect(await store.funnelRolledThrough()).toBe(0);
      const [first, second] = await Promise.all([
        store.rollUpFunnelDay('2023-11-14', day, day + 86_400_000, t0),
        store.rollUpFunnelDay('2023-11-14', day, day + 86_400_000, t0),
      ]);
      expect([first, second].sort()).toEqual([false, true]);
      expect(await store.funnelRolledThrough()).toBe(day + 86_400_000);
      expect(await store.listFunnelDays('wgt_1', '2023-11-14', '2023-11-14')).toEqual([
        {
          day: '2023-11-14',
          widgetId: 'wgt_1',
          ruleId: 'rul_1',
          ruleName: 'R',
          variant: 'a',
          invited: 2,
          shown: 2,
          held: 0,
          accepted: 1,
          dismissed: 1,
          expired: 0,
          agentAccepted: 0,
          ended: 0,
          csatCount: 0,
          csatSum: 0,
          smart: { shown: 1, accepted: 0, dismissed: 1, expired: 0, agentAccepted: 0 },
        },
      ]);
    });
  });
}
