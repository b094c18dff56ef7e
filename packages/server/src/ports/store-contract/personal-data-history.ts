import type { Store } from '../store.ts';
import { assign, customer, invitation, seedConversation, seedOffer, seedVisitor, t0 } from './fixtures.ts';

/** What identifies the person seeded by `seedPersonHistory`: none of it may remain anywhere after erasure. */
export const person = {
  customerId: 'cus_erase_me',
  visitorIds: ['vis_erase_a', 'vis_erase_b'],
  conversationId: 'cnv_erase_me',
  invitationId: 'inv_erase_me',
  email: 'zoe.erasable@example.org',
  name: 'Zoë Erasable',
  phone: '+44 7700 900123',
  messageText: 'My order number is ZX-991 and my flat is 4B',
  pageUrl: 'https://shop.example/account/zoe-erasable',
};

/**
 * A customer with a full history across every concept: two linked visitors (identity links), page views,
 * tracked events, an invitation, a conversation with messages, receipts, an offer, a wrap-up and a survey, a
 * live socket record; plus another person's conversation that listed the customer as a candidate, and that
 * other person's own data, which erasure must keep.
 */
export async function seedPersonHistory(store: Store): Promise<void> {
  await store.createCustomer(
    customer({
      id: person.customerId,
      name: person.name,
      email: person.email,
      phone: person.phone,
      company: 'Erasable Ltd',
      externalId: 'ext-erase-me',
    }),
  );
  const [a, b] = person.visitorIds as [string, string];
  await seedVisitor(store, { id: a, customerId: person.customerId, name: person.name });
  await seedVisitor(store, { id: b, customerId: person.customerId, createdAt: t0 + 1 });
  await store.recordPageView({
    id: 'pv_erase_1',
    visitorId: a,
    url: person.pageUrl,
    title: 'My account',
    at: t0,
  });
  await store.recordPageView({
    id: 'pv_erase_2',
    visitorId: b,
    url: 'https://shop.example/',
    title: 'Home',
    referrer: 'https://search.example/?q=zoe',
    at: t0 + 5,
  });
  await store.addVisitEvent({
    id: 'evt_erase_1',
    visitorId: a,
    visitStartedAt: t0,
    name: 'cart_added',
    props: { sku: 'ZX-991' },
    at: t0 + 2,
  });
  await store.createInvitation(
    invitation({ id: person.invitationId, visitorId: a, message: `Hi ${person.name}` }),
  );
  const linked = {
    id: person.customerId,
    name: person.name,
    email: person.email,
    phone: person.phone,
    active: true,
  };
  await seedConversation(store, {
    id: person.conversationId,
    visitorId: a,
    invitationId: person.invitationId,
    customer: { status: 'linked', method: 'prechat', customer: linked, candidates: [] },
  });
  await seedOffer(store, { id: 'ofr_erase', conversationId: person.conversationId, agentId: 'usr_agent' });
  await assign(store, person.conversationId, 'usr_agent', t0 + 10);
  await store.appendMessage({
    conversationId: person.conversationId,
    author: 'visitor',
    text: person.messageText,
    clientMsgId: 'cm_erase_1',
    createdAt: t0 + 20,
  });
  await store.appendMessage({
    conversationId: person.conversationId,
    author: 'agent',
    authorName: 'Ann',
    text: `Thanks ${person.name}`,
    createdAt: t0 + 30,
  });
  await store.markReceipt(person.conversationId, 'read', 2);
  await store.saveWrapUp({
    conversationId: person.conversationId,
    agentId: 'usr_agent',
    outcome: 'resolved',
    notes: `Called ${person.phone}`,
    at: t0 + 40,
  });
  await store.saveChatSurvey({
    conversationId: person.conversationId,
    rating: 5,
    comment: `Great help for ${person.name}`,
    createdAt: t0 + 50,
  });
  await store.addVisitorConnection('node_1', a);

  // Someone else: their conversation listed the customer as a candidate; their own data stays.
  await seedVisitor(store, { id: 'vis_other' });
  await store.recordPageView({
    id: 'pv_other',
    visitorId: 'vis_other',
    url: 'https://shop.example/',
    title: 'Home',
    at: t0,
  });
  await seedConversation(store, {
    id: 'cnv_other',
    visitorId: 'vis_other',
    customer: {
      status: 'ambiguous',
      candidates: [linked, { id: 'cus_other', name: 'Someone Else', active: true }],
    },
  });
  await store.appendMessage({ conversationId: 'cnv_other', author: 'visitor', text: 'Hello', createdAt: t0 });
}
