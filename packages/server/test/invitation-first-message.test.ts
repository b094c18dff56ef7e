import type { ConversationDetail, CustomerMatch, VisitorServerFrame } from '@beckon/protocol';
import { login, settle, type TestSocket } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from './api.ts';
import { agent, type Harness, password, startHarness, visitor } from './harness.ts';

let h: Harness;
let admin: string;
beforeEach(async () => {
  h = await startHarness();
  admin = await login(h.url, 'admin@beckon.local', password);
});
afterEach(async () => {
  await h.close();
});

async function detail(conversationId: string): Promise<ConversationDetail> {
  const response = await api<ConversationDetail>(h, admin, 'GET', `/v1/conversations/${conversationId}`);
  expect(response.status).toBe(200);
  return response.body;
}

async function accept(v: TestSocket<VisitorServerFrame>, prechat?: Record<string, string>) {
  const { invitation } = await v.next('invitation.show');
  v.send({ type: 'invitation.accept', invitationId: invitation.id, prechat });
  const conversationId = (await v.next('conversation.update')).conversation.id;
  return { invitation, conversationId };
}

describe('the invitation is the first message', () => {
  it("a rule's invitation: its text is message 1 on both sides, once, and the offer names the rule", async () => {
    const a = await agent(h);
    const v = await visitor(h);
    await h.clock.advance(30_000);
    const { invitation, conversationId } = await accept(v);
    expect(invitation.author).toEqual({ name: 'Demo shop' });
    const first = (await v.next('message')).message;
    expect(first).toMatchObject({ seq: 1, author: 'bot', authorName: 'Demo shop' });
    expect(first.text).toBe('Need help choosing a plan?');

    const { offer } = await a.next('offer.new');
    expect(offer.summary.origin).toEqual({
      kind: 'rule',
      ruleId: expect.any(String),
      ruleName: '30 s on a pricing page',
    });
    expect(offer.summary.invitationText).toBe('Need help choosing a plan?');
    a.send({ type: 'offer.accept', offerId: offer.id });
    const opened = await a.next('conversation.opened');
    expect(opened.conversation.messages.map((m) => [m.seq, m.author, m.text])).toEqual([
      [1, 'bot', 'Need help choosing a plan?'],
      [2, 'system', 'Alex Agent joined the chat.'],
    ]);

    v.send({ type: 'message.send', clientMsgId: 'c1', text: 'Hello' });
    expect((await v.next('message.ack')).seq).toBe(3);
    const stored = await detail(conversationId);
    expect(stored.context.origin?.kind).toBe('rule');
    expect(stored.messages.map((m) => m.author)).toEqual(['bot', 'system', 'visitor']);
    // A reload is told the conversation with the invitation once, in its place.
    const visitorId = v.all('welcome')[0]!.visitorId;
    const again = await visitor(h, `${h.origin}/demo/pricing.html`, { visitorId });
    expect(again.all('welcome')[0]!.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    await Promise.all([a.close(), v.close(), again.close()]);
  });

  it("the page's startProactiveChat: the page's text first, started from the page", async () => {
    const a = await agent(h);
    const v = await visitor(h, `${h.origin}/demo/index.html`);
    v.send({ type: 'invitation.request', message: 'Questions about the Pro plan?' });
    const { conversationId } = await accept(v);
    expect((await v.next('message')).message).toMatchObject({
      seq: 1,
      author: 'bot',
      text: 'Questions about the Pro plan?',
    });
    const { offer } = await a.next('offer.new');
    expect(offer.summary.origin).toEqual({ kind: 'page' });
    expect(offer.summary.invitationText).toBe('Questions about the Pro plan?');
    expect((await detail(conversationId)).context.origin).toEqual({ kind: 'page' });
    await Promise.all([a.close(), v.close()]);
  });

  it('a chat the visitor opened has no first message and says so', async () => {
    const a = await agent(h);
    const v = await visitor(h, `${h.origin}/demo/index.html`);
    v.send({ type: 'chat.start' });
    const conversationId = (await v.next('conversation.update')).conversation.id;
    const { offer } = await a.next('offer.new');
    expect(offer.summary.origin).toEqual({ kind: 'visitor' });
    expect(offer.summary.invitationText).toBeUndefined();
    const stored = await detail(conversationId);
    expect(stored.messages).toEqual([]);
    expect(v.all('message')).toHaveLength(0);
    await Promise.all([a.close(), v.close()]);
  });

  it("speaks as the widget's display name and avatar, with the admin's accept wording per language", async () => {
    const patched = await api(h, admin, 'PATCH', `/v1/widgets/${h.demoWidgetId}`, {
      invitationLook: {
        displayName: 'Ada from Demo',
        avatarUrl: 'https://cdn.example/ada.png',
        acceptLabels: { en: 'Talk to Ada', fr: 'Parler à Ada' },
      },
    });
    expect(patched.status).toBe(200);
    const refused = await api(h, admin, 'PATCH', `/v1/widgets/${h.demoWidgetId}`, {
      invitationLook: { avatarUrl: 'javascript:alert(1)' },
    });
    expect(refused.status).toBe(400);

    const fr = await visitor(h, `${h.origin}/demo/index.html`, { language: 'fr-FR' });
    expect(fr.all('welcome')[0]!.widget.invitation?.displayName).toBe('Ada from Demo');
    fr.send({ type: 'invitation.request' });
    const shown = (await fr.next('invitation.show')).invitation;
    expect(shown.author).toEqual({ name: 'Ada from Demo', avatarUrl: 'https://cdn.example/ada.png' });
    expect(shown.acceptLabel).toBe('Parler à Ada');
    fr.send({ type: 'invitation.accept', invitationId: shown.id });
    expect((await fr.next('message')).message).toMatchObject({ author: 'bot', authorName: 'Ada from Demo' });

    const en = await visitor(h, `${h.origin}/demo/index.html`);
    en.send({ type: 'invitation.request' });
    expect((await en.next('invitation.show')).invitation.acceptLabel).toBe('Talk to Ada');
    await Promise.all([fr.close(), en.close()]);
  });
});

describe('pre-chat answers create or link a customer', () => {
  const answers = { name: 'Zoe Newman', email: 'zoe@example.com' };

  it('proposes the record the answers describe; the agent creates it, linked and unverified', async () => {
    const v = await visitor(h, `${h.origin}/demo/index.html`);
    v.send({ type: 'chat.start', prechat: answers });
    const conversationId = (await v.next('conversation.update')).conversation.id;
    const before = await detail(conversationId);
    expect(before.customer).toMatchObject({ status: 'none', proposed: answers });

    const created = await api<CustomerMatch>(
      h,
      admin,
      'POST',
      `/v1/conversations/${conversationId}/customer/proposed`,
    );
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      status: 'linked',
      method: 'prechat',
      verification: 'unverified',
      customer: { name: 'Zoe Newman', email: 'zoe@example.com' },
    });
    const stored = await h.node.store.findActiveCustomers('email', 'zoe@example.com');
    expect(stored.map((c) => c.name)).toEqual(['Zoe Newman']);
    expect((await detail(conversationId)).customer.verification).toBe('unverified');
    // Once: a second click has nothing left to create.
    const again = await api(h, admin, 'POST', `/v1/conversations/${conversationId}/customer/proposed`);
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('CONFLICT');
    await v.close();
  });

  it('answers that name nobody propose nothing; a matching record is linked, not proposed', async () => {
    const v = await visitor(h, `${h.origin}/demo/index.html`);
    v.send({ type: 'chat.start', prechat: { topic: 'billing' } });
    const conversationId = (await v.next('conversation.update')).conversation.id;
    expect((await detail(conversationId)).customer.proposed).toBeUndefined();
    await v.close();

    const w = await visitor(h, `${h.origin}/demo/index.html`);
    w.send({ type: 'chat.start', prechat: { email: 'alice@example.com' } });
    const linked = (await w.next('conversation.update')).conversation.id;
    const match = (await detail(linked)).customer;
    expect(match.status).toBe('linked');
    expect(match.proposed).toBeUndefined();
    await w.close();
  });

  it('the widget setting creates the record at once, still unverified', async () => {
    const patched = await api(h, admin, 'PATCH', `/v1/widgets/${h.demoWidgetId}`, {
      prechatCreatesCustomers: true,
    });
    expect(patched.status).toBe(200);
    const v = await visitor(h, `${h.origin}/demo/index.html`);
    v.send({ type: 'chat.start', prechat: answers });
    const conversationId = (await v.next('conversation.update')).conversation.id;
    await settle();
    const match = (await detail(conversationId)).customer;
    expect(match).toMatchObject({ status: 'linked', verification: 'unverified' });
    expect((await h.node.store.findActiveCustomers('email', 'zoe@example.com')).length).toBe(1);
    await v.close();
  });
});
