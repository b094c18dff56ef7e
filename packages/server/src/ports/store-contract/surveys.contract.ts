import { describe, expect, it } from 'vitest';
import { type GetStore, seedConversation, t0, user } from './fixtures.ts';

/** The `SurveyStore` port (store/surveys.ts). */
export function describeSurveys(getStore: GetStore): void {
  describe('post-chat surveys', () => {
    it('round-trips a survey with and without a comment', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      expect(await store.getChatSurvey('cnv_1')).toBeUndefined();
      const full = { conversationId: 'cnv_1', rating: 4, comment: 'Quick and kind', createdAt: t0 + 5 };
      expect(await store.saveChatSurvey(full)).toBe(true);
      expect(await store.getChatSurvey('cnv_1')).toStrictEqual(full);
      const bare = { conversationId: 'cnv_2', rating: 1, createdAt: t0 + 6 };
      expect(await store.saveChatSurvey(bare)).toBe(true);
      expect(await store.getChatSurvey('cnv_2')).toStrictEqual(bare);
    });

    it('keeps the first answer: a second survey for the conversation changes nothing', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      expect(await store.saveChatSurvey({ conversationId: 'cnv_1', rating: 5, createdAt: t0 })).toBe(true);
      expect(await store.saveChatSurvey({ conversationId: 'cnv_1', rating: 1, createdAt: t0 + 1 })).toBe(
        false,
      );
      expect((await store.getChatSurvey('cnv_1'))?.rating).toBe(5);
    });

    it('lets exactly one of two racing answers win', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      const results = await Promise.all(
        [2, 3].map((rating) => store.saveChatSurvey({ conversationId: 'cnv_1', rating, createdAt: t0 })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('lists the surveys of given conversations, leaving out those without one', async () => {
      const store = getStore();
      for (const [id, visitorId] of [
        ['cnv_1', 'vis_1'],
        ['cnv_2', 'vis_2'],
        ['cnv_3', 'vis_3'],
      ] as const) {
        await seedConversation(store, { id, visitorId });
      }
      await store.saveChatSurvey({ conversationId: 'cnv_1', rating: 4, comment: 'ok', createdAt: t0 });
      await store.saveChatSurvey({ conversationId: 'cnv_3', rating: 2, createdAt: t0 + 1 });
      const listed = await store.listChatSurveys(['cnv_1', 'cnv_2', 'cnv_3', 'cnv_missing']);
      expect(listed.sort((a, b) => a.rating - b.rating)).toStrictEqual([
        { conversationId: 'cnv_3', rating: 2, createdAt: t0 + 1 },
        { conversationId: 'cnv_1', rating: 4, comment: 'ok', createdAt: t0 },
      ]);
      expect(await store.listChatSurveys([])).toStrictEqual([]);
      expect(await store.listChatSurveys(['cnv_2'])).toStrictEqual([]);
    });

    it('lists many conversations at once (more ids than one query takes)', async () => {
      const store = getStore();
      await seedConversation(store, { id: 'cnv_1' });
      await store.saveChatSurvey({ conversationId: 'cnv_1', rating: 5, createdAt: t0 });
      const ids = Array.from({ length: 1200 }, (_, i) => `cnv_none_${i}`);
      ids.push('cnv_1');
      expect((await store.listChatSurveys(ids)).map((survey) => survey.conversationId)).toStrictEqual([
        'cnv_1',
      ]);
    });

    it('lists recent surveys newest first with widget and agent, paging back with before', async () => {
      const store = getStore();
      await store.createUser(user({ id: 'usr_1', name: 'Ann' }));
      await seedConversation(store, { id: 'cnv_1', agentId: 'usr_1', status: 'ended' });
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      await seedConversation(store, { id: 'cnv_3', visitorId: 'vis_3', agentId: 'usr_1' });
      await store.saveChatSurvey({
        conversationId: 'cnv_1',
        rating: 5,
        comment: 'Great',
        createdAt: t0 + 10,
      });
      await store.saveChatSurvey({ conversationId: 'cnv_2', rating: 1, createdAt: t0 + 30 });
      await store.saveChatSurvey({ conversationId: 'cnv_3', rating: 3, createdAt: t0 + 20 });
      expect(await store.listRecentChatSurveys(2)).toStrictEqual([
        { conversationId: 'cnv_2', rating: 1, createdAt: t0 + 30, widgetId: 'wgt_1' },
        {
          conversationId: 'cnv_3',
          rating: 3,
          createdAt: t0 + 20,
          widgetId: 'wgt_1',
          agentId: 'usr_1',
          agentName: 'Ann',
        },
      ]);
      expect(await store.listRecentChatSurveys(10, t0 + 20)).toStrictEqual([
        {
          conversationId: 'cnv_1',
          rating: 5,
          comment: 'Great',
          createdAt: t0 + 10,
          widgetId: 'wgt_1',
          agentId: 'usr_1',
          agentName: 'Ann',
        },
      ]);
    });
  });
}
