import { describe, expect, it } from 'vitest';
import { type GetStore, t0 } from './fixtures.ts';
import { person, seedPersonHistory } from './personal-data-history.ts';

const subject = { customerId: person.customerId, visitorIds: person.visitorIds };

/** The `PersonalDataStore` port (store/personal-data.ts). */
export function describePersonalData(getStore: GetStore): void {
  describe('personal data', () => {
    it('finds the visitors linked to a customer, oldest first', async () => {
      const store = getStore();
      await seedPersonHistory(store);
      expect(await store.visitorIdsOfCustomer(person.customerId)).toEqual(person.visitorIds);
      expect(await store.visitorIdsOfCustomer('cus_nobody')).toEqual([]);
    });

    it('collects everything held about the person', async () => {
      const store = getStore();
      await seedPersonHistory(store);
      const data = await store.collectPersonalData(subject);
      expect(data.customer?.email).toBe(person.email);
      expect(data.visitors.map((v) => [v.id, v.customerId])).toEqual(
        person.visitorIds.map((id) => [id, person.customerId]),
      );
      expect(data.pageViews.map((v) => v.id)).toEqual(['pv_erase_1', 'pv_erase_2']);
      expect(data.events).toEqual([
        {
          id: 'evt_erase_1',
          visitorId: person.visitorIds[0],
          visitStartedAt: t0,
          name: 'cart_added',
          props: { sku: 'ZX-991' },
          at: t0 + 2,
        },
      ]);
      expect(data.invitations.map((i) => i.id)).toEqual([person.invitationId]);
      // Its own conversation with the full transcript, and the other one that named it as a candidate.
      expect(data.conversations.map((c) => c.id).sort()).toEqual(['cnv_erase_me', 'cnv_other']);
      const own = data.conversations.find((c) => c.id === person.conversationId);
      expect(own?.messages.map((m) => m.text)).toEqual([person.messageText, `Thanks ${person.name}`]);
      expect(data.surveys).toEqual([
        {
          conversationId: person.conversationId,
          rating: 5,
          comment: `Great help for ${person.name}`,
          createdAt: t0 + 50,
        },
      ]);
      expect(data.wrapUps.map((w) => w.notes)).toEqual([`Called ${person.phone}`]);
    });

    it('collects a lone visitor with nothing else, and nothing for an unknown one', async () => {
      const store = getStore();
      await seedPersonHistory(store);
      const lone = await store.collectPersonalData({ visitorIds: ['vis_other'] });
      expect(lone.customer).toBeUndefined();
      expect(lone.pageViews.map((v) => v.id)).toEqual(['pv_other']);
      const none = await store.collectPersonalData({ visitorIds: [] });
      expect(none.visitors).toEqual([]);
      expect(none.conversations).toEqual([]);
    });

    it('erases the person everywhere, clears them from other matches, keeps others, and is idempotent', async () => {
      const store = getStore();
      await seedPersonHistory(store);
      expect(await store.erasePersonalData(subject)).toEqual({
        customers: 1,
        visitors: 2,
        pageViews: 2,
        events: 1,
        invitations: 1,
        conversations: 1,
        messages: 2,
        matchesCleared: 1,
        files: 0,
      });
      expect(await store.getCustomer(person.customerId)).toBeUndefined();
      for (const id of person.visitorIds) expect(await store.getVisitor(id)).toBeUndefined();
      expect(await store.getConversation(person.conversationId)).toBeUndefined();
      expect(await store.getChatSurvey(person.conversationId)).toBeUndefined();
      const after = await store.collectPersonalData(subject);
      expect(after).toEqual({
        visitors: [],
        pageViews: [],
        events: [],
        invitations: [],
        conversations: [],
        surveys: [],
        wrapUps: [],
        leftMessages: [],
        files: [],
      });
      const other = await store.getConversation('cnv_other');
      expect(other?.customer).toEqual({ status: 'none', candidates: [] });
      expect(await store.getVisitor('vis_other')).toBeDefined();
      expect(await store.listPageViews('vis_other', 0)).toHaveLength(1);
      expect((await store.erasePersonalData(subject)).customers).toBe(0);
    });
  });
}
