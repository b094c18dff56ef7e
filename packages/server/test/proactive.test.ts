import type { VisitorServerFrame } from '@beckon/protocol';
import { settle, TestSocket, UpgradeRefused } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Harness, hello, startHarness, visitor } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('proactive invitations on the fake clock', () => {
  it('invites after 30 s on a pricing page, not before, with one deadline per visitor', async () => {
    const v = await visitor(h);
    expect(h.node.services.proactive.pendingCheck(v.all('welcome')[0]!.visitorId)).toBe(
      h.clock.now() + 30_000,
    );
    await h.clock.advance(29_999);
    expect(v.all('invitation.show')).toHaveLength(0);
    await h.clock.advance(1);
    const shown = await v.next('invitation.show');
    expect(shown.invitation.message).toBe('Need help choosing a plan?');
    expect(shown.invitation.expiresAt).toBe(h.clock.now() + 60_000);
    expect(shown.invitation.showPrechat).toBe(true);
    await v.close();
  });

  it("keeps a tab's rule check when another tab of the same visitor closes", async () => {
    const first = await visitor(h);
    const visitorId = first.all('welcome')[0]!.visitorId;
    await h.clock.advance(10_000);
    const second = await visitor(h, `${h.origin}/demo/index.html`, { visitorId });
    await second.close();
    await h.clock.advance(20_000);
    expect((await first.next('invitation.show')).invitation.message).toBe('Need help choosing a plan?');
    await first.close();
  });

  it('drops the pending rule check when the visitor opens a chat, and invites nobody in a chat', async () => {
    const v = await visitor(h);
    const visitorId = v.all('welcome')[0]!.visitorId;
    await h.clock.advance(10_000);
    v.send({ type: 'chat.start' });
    await v.next('conversation.update');
    await settle();
    expect(h.node.services.proactive.pendingCheck(visitorId)).toBeUndefined();
    await h.clock.advance(60_000);
    expect(v.all('invitation.show')).toHaveLength(0);
    await v.close();
  });

  it('does not invite on a page the rule does not target', async () => {
    const v = await visitor(h, `${h.origin}/demo/index.html`);
    await h.clock.advance(120_000);
    expect(v.all('invitation.show')).toHaveLength(0);
    await v.close();
  });

  it('re-evaluates on navigation: time on page restarts', async () => {
    const v = await visitor(h, `${h.origin}/demo/index.html`);
    await h.clock.advance(20_000);
    v.send({ type: 'page', page: { url: `${h.origin}/demo/pricing.html`, title: 'Pricing' } });
    await settle();
    await h.clock.advance(20_000);
    expect(v.all('invitation.show')).toHaveLength(0);
    await h.clock.advance(10_000);
    await v.next('invitation.show');
    await v.close();
  });

  it('closes an ignored invitation after exactly 60 s, and refuses a late accept', async () => {
    const v = await visitor(h);
    await h.clock.advance(30_000);
    const { invitation } = await v.next('invitation.show');
    await h.clock.advance(59_999);
    expect(v.all('invitation.closed')).toHaveLength(0);
    await h.clock.advance(1);
    const closed = await v.next('invitation.closed');
    expect(closed).toMatchObject({ invitationId: invitation.id, reason: 'expired' });
    v.send({ type: 'invitation.accept', invitationId: invitation.id });
    const error = await v.next('error');
    expect(error.code).toBe('INVITATION_EXPIRED');
    expect((await h.node.store.getInvitation(invitation.id))?.status).toBe('expired');
    await v.close();
  });

  it('dismissal closes the invitation and the rule does not invite again this visit', async () => {
    const v = await visitor(h);
    await h.clock.advance(30_000);
    const { invitation } = await v.next('invitation.show');
    v.send({ type: 'invitation.dismiss', invitationId: invitation.id });
    expect(await v.next('invitation.closed')).toMatchObject({ reason: 'dismissed' });
    await h.clock.advance(120_000);
    expect(v.all('invitation.show')).toHaveLength(1);
    await v.close();
  });

  it('never invites when Proactive chat is off', async () => {
    await h.node.services.widgets.update(h.demoWidgetId, { proactiveEnabled: false });
    const v = await visitor(h);
    await h.clock.advance(120_000);
    expect(v.all('invitation.show')).toHaveLength(0);
    v.send({ type: 'invitation.request', message: 'Hello' });
    expect((await v.next('error')).code).toBe('PROACTIVE_DISABLED');
    await v.close();
  });

  it('startProactiveChat shows the page message at once, and is suppressed while one is showing', async () => {
    const v = await visitor(h, `${h.origin}/demo/index.html`);
    v.send({ type: 'invitation.request', message: 'Custom hello' });
    const shown = await v.next('invitation.show');
    expect(shown.invitation).toMatchObject({ message: 'Custom hello', source: 'page' });
    v.send({ type: 'invitation.request' });
    expect((await v.next('error')).code).toBe('INVITATION_SUPPRESSED');
    await v.close();
  });

  it('an accepted invitation opens a waiting conversation with the context snapshot', async () => {
    const v = await visitor(h, undefined, {
      context: { plan: 'Pro', hidden: { value: 3, isDisplayable: false } },
    });
    const trackedAt = h.clock.now();
    v.send({ type: 'track', name: 'added_to_cart', props: { sku: 'PRO-1', qty: 2 } });
    v.send({ type: 'track', name: 'viewed_faq' });
    await settle();
    await h.clock.advance(30_000);
    const { invitation } = await v.next('invitation.show');
    v.send({
      type: 'invitation.accept',
      invitationId: invitation.id,
      prechat: { email: 'ALICE@example.com' },
    });
    expect(await v.next('invitation.closed')).toMatchObject({ reason: 'accepted' });
    const update = await v.next('conversation.update');
    expect(update.conversation.status).toBe('waiting');
    const conversation = await h.node.store.getConversation(update.conversation.id);
    expect(conversation?.context).toMatchObject({
      startUrl: `${h.origin}/demo/pricing.html`,
      timeOnPageMs: 30_000,
      ruleName: '30 s on a pricing page',
      custom: { plan: { value: 'Pro', isDisplayable: true }, hidden: { value: 3, isDisplayable: false } },
      events: [
        { name: 'added_to_cart', props: { sku: 'PRO-1', qty: 2 }, at: trackedAt },
        { name: 'viewed_faq', at: trackedAt },
      ],
    });
    expect(conversation?.customer).toMatchObject({
      status: 'linked',
      method: 'prechat',
      verification: 'unverified',
    });
    // Unverified: only what the visitor typed, not the record's name or phone.
    expect(conversation?.customer.customer).toMatchObject({ name: '', email: 'ALICE@example.com' });
    expect(conversation?.customer.customer?.phone).toBeUndefined();
    await v.close();
  });
});

describe('a socket that closes during its hello', () => {
  it('leaves no session, rule check, subscription or shared events behind', async () => {
    const store = h.node.store;
    // The hello's page view is held in the store while the socket closes (a new visitor reads no journey back).
    const recordPageView = store.recordPageView.bind(store);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reading = false;
    store.recordPageView = async (...args) => {
      reading = true;
      await held;
      return recordPageView(...args);
    };
    const socket = await TestSocket.connect<VisitorServerFrame>(`${h.wsUrl}/v1/visitor?key=demo`, {
      origin: h.origin,
    });
    socket.send(hello(`${h.origin}/demo/pricing.html`, { visitorId: 'vis_dropped' }));
    await vi.waitFor(() => expect(reading).toBe(true));
    await socket.close();
    release();
    store.recordPageView = recordPageView;
    await settle();
    const visitorId = (await store.getVisitor('vis_dropped')) ? 'vis_dropped' : undefined;
    expect(h.node.services.visitors.visitEvents.size).toBe(0);
    if (visitorId) expect(h.node.services.proactive.pendingCheck(visitorId)).toBeUndefined();
    // Nothing was armed for any visitor: the 30 s rule would otherwise invite a socket that is gone.
    await h.clock.advance(60_000);
    expect(await store.countInvitationsByStatus(0)).toMatchObject({ shown: 0 });
  });
});

describe('embedding checks at the upgrade', () => {
  it('refuses another origin, an unknown key and a disabled widget, with no socket opened', async () => {
    const refused = async (query: string, origin: string) => {
      const error = await TestSocket.connect<VisitorServerFrame>(`${h.wsUrl}/v1/visitor?${query}`, {
        origin,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UpgradeRefused);
      return (error as UpgradeRefused).status;
    };
    expect(await refused('key=demo', 'http://127.0.0.1:1')).toBe(403);
    expect(await refused('key=demo', 'https://evil.example')).toBe(403);
    expect(await refused('key=nope', h.origin)).toBe(404);
    await h.node.services.widgets.update(h.demoWidgetId, { enabled: false });
    expect(await refused('key=demo', h.origin)).toBe(403);
  });

  it('keeps the socket usable after bad frames, each answered with a stable code', async () => {
    const v = await TestSocket.connect<VisitorServerFrame>(`${h.wsUrl}/v1/visitor?key=demo`, {
      origin: h.origin,
    });
    v.send({ type: 'page', page: { url: `${h.origin}/x`, title: '' } });
    expect((await v.next('error')).code).toBe('HELLO_REQUIRED');
    v.send('not json');
    expect((await v.next('error')).code).toBe('MALFORMED_FRAME');
    v.send({ type: 'teleport' });
    expect((await v.next('error')).code).toBe('UNKNOWN_FRAME_TYPE');
    v.send({ type: 'hello', page: { url: 'not a url' } });
    const invalid = await v.next('error');
    expect(invalid.code).toBe('VALIDATION_FAILED');
    v.send(hello(`${h.origin}/demo/pricing.html`));
    await v.next('welcome');
    v.send({ type: 'ping' });
    await v.next('pong');
    await v.close();
  });

  it('reports context over the limits with lcw-ready codes and keeps the rest', async () => {
    const v = await TestSocket.connect<VisitorServerFrame>(`${h.wsUrl}/v1/visitor?key=demo`, {
      origin: h.origin,
    });
    v.send(
      hello(`${h.origin}/demo/index.html`, {
        context: {
          ok: 'fine',
          big: 'x'.repeat(4001),
          nested: { value: { a: 1 } },
          empty: '',
          ['n'.repeat(101)]: 1,
        },
      }),
    );
    await v.next('welcome');
    const codes = [await v.next('error'), await v.next('error'), await v.next('error')]
      .map((e) => e.code)
      .sort();
    expect(codes).toEqual(['CONTEXT_NAME_TOO_LONG', 'CONTEXT_VALUE_INVALID', 'CONTEXT_VALUE_TOO_LONG']);
    v.send({ type: 'chat.start' });
    const update = await v.next('conversation.update');
    const conversation = await h.node.store.getConversation(update.conversation.id);
    expect(conversation?.context.custom).toEqual({ ok: { value: 'fine', isDisplayable: true } });
    await v.close();
  });
});
