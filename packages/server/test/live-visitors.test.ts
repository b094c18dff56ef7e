// Over 300 lines: the live list seen from every side on one node (watching, filters, invitations, withdrawals, hidden context).
import type { AgentServerFrame, LiveVisitor } from '@beckon/protocol';
import { login, settle, type TestSocket } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from './api.ts';
import { agent, type Harness, password, startHarness, visitor } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** The agent's current page of the list, rebuilt from `visitors.list` then every `visitors.changes`. */
class ListView {
  visitors = new Map<string, LiveVisitor>();
  order: string[] = [];
  total = 0;
  private seen = 0;

  constructor(private readonly socket: TestSocket<AgentServerFrame>) {}

  async first(): Promise<void> {
    const list = await this.socket.next('visitors.list');
    for (const visitor of list.visitors) this.visitors.set(visitor.id, visitor);
    this.order = list.visitors.map((visitor) => visitor.id);
    this.total = list.total;
  }

  /** Applies the next changes frame. */
  async changes(): Promise<AgentServerFrame & { type: 'visitors.changes' }> {
    const frame = await this.socket.next('visitors.changes');
    this.seen += 1;
    for (const visitor of frame.changed) this.visitors.set(visitor.id, visitor);
    for (const id of frame.removed) this.visitors.delete(id);
    this.order = frame.order;
    this.total = frame.total;
    return frame;
  }

  page(): LiveVisitor[] {
    return this.order.map((id) => this.visitors.get(id)!);
  }
}

async function watching(socket: TestSocket<AgentServerFrame>, extra: Record<string, unknown> = {}) {
  const view = new ListView(socket);
  socket.send({ type: 'visitors.watch', ...extra });
  await view.first();
  return view;
}

const page = (name: string) => `${h.origin}/demo/${name}.html`;

describe('the live visitor list', () => {
  it('a visitor arrives, navigates and leaves: the watching agent sees each, at most one frame a second', async () => {
    const a = await agent(h);
    const view = await watching(a);
    expect(view.total).toBe(0);

    const v = await visitor(h, `${page('index')}?utm_source=newsletter`);
    await view.changes();
    const [arrived] = view.page();
    expect(arrived).toMatchObject({
      page: { url: `${page('index')}?utm_source=newsletter` },
      pagesViewed: 1,
      visitNumber: 1,
      utmSource: 'newsletter',
      device: { type: 'desktop', browser: 'Chrome' },
      language: 'en-GB',
      consent: 'not-required',
      state: 'browsing',
      invitedThisVisit: false,
    });

    // Two page views within the same second: one frame, after the second has passed.
    v.send({ type: 'page', page: { url: page('features'), title: 'Features' } });
    v.send({ type: 'page', page: { url: page('about'), title: 'About' } });
    await settle();
    await settle();
    expect(a.all('visitors.changes')).toHaveLength(1);
    await h.clock.advance(1000);
    await view.changes();
    expect(view.page()[0]).toMatchObject({ page: { url: page('about'), title: 'About' }, pagesViewed: 3 });
    expect(view.page()[0]?.journey.slice(-2)).toEqual([page('features'), page('about')]);

    await v.close();
    await h.clock.advance(1000);
    const left = await view.changes();
    expect(left.removed).toEqual([arrived!.id]);
    expect(view.total).toBe(0);
  });

  it('carries what the acceptance model reads: the UTM medium, and the tracked events’ summary when it changes', async () => {
    const a = await agent(h);
    const view = await watching(a);
    const v = await visitor(h, `${page('index')}?utm_source=newsletter&utm_medium=email`);
    await view.changes();
    expect(view.page()[0]).toMatchObject({ utmSource: 'newsletter', utmMedium: 'email' });
    expect(view.page()[0]?.events).toBeUndefined();

    const tracked = async (name: string) => {
      v.send({ type: 'track', name });
      await settle();
      await h.clock.advance(1000);
      await settle();
    };
    await tracked('add_to_cart');
    await view.changes();
    expect(view.page()[0]?.events).toEqual([{ name: 'add_to_cart', count: 1 }]);
    await tracked('add_to_cart');
    await view.changes();
    expect(view.page()[0]?.events).toEqual([{ name: 'add_to_cart', count: 2 }]);
    // A third time changes nothing the model reads: no frame.
    const frames = a.all('visitors.changes').length;
    await tracked('add_to_cart');
    await h.clock.advance(1000);
    await settle();
    expect(a.all('visitors.changes')).toHaveLength(frames);
    await v.close();
  });

  it('filters and sorts on the server, and pages the result', async () => {
    const a = await agent(h);
    const first = await visitor(h, page('index'));
    await h.clock.advance(5_000);
    const second = await visitor(h, page('features'));
    second.send({ type: 'page', page: { url: page('about'), title: 'About' } });
    await settle();
    await h.clock.advance(1000);

    const byPages = await watching(a, { sort: 'pages' });
    expect(byPages.page().map((v) => v.pagesViewed)).toEqual([2, 1]);
    a.send({ type: 'visitors.watch', sort: 'arrival', limit: 1 });
    const newest = await a.next('visitors.list', (frame) => frame.visitors.length === 1);
    expect(newest.total).toBe(2);
    expect(newest.visitors[0]?.page.url).toBe(page('about'));
    a.send({ type: 'visitors.watch', filter: { pageContains: 'INDEX' } });
    const filtered = await a.next('visitors.list', (frame) => frame.total === 1);
    expect(filtered.visitors[0]?.page.url).toBe(page('index'));
    await first.close();
    await second.close();
  });
});

describe('inviting from the list', () => {
  it('the agent invites, the list shows it pending, the visitor accepts: the chat is that agent’s', async () => {
    const a = await agent(h);
    const view = await watching(a);
    const v = await visitor(h, page('index'));
    await view.changes();
    const visitorId = view.order[0]!;

    a.send({ type: 'visitor.invite', visitorId, message: '  Can I help with your order?  ' });
    const invited = await a.next('visitor.invited');
    const { invitation } = await v.next('invitation.show');
    expect(invitation).toMatchObject({
      id: invited.invitationId,
      source: 'agent',
      message: 'Can I help with your order?',
      author: { name: 'Alex Agent' },
      expiresAt: h.clock.now() + 60_000,
    });
    await h.clock.advance(1000);
    await view.changes();
    expect(view.page()[0]).toMatchObject({
      state: 'invited',
      invitation: { id: invitation.id, source: 'agent', agentName: 'Alex Agent' },
    });

    // Never over an invitation already showing.
    a.send({ type: 'visitor.invite', visitorId, message: 'Again' });
    expect((await a.next('error')).code).toBe('VISITOR_BUSY');

    v.send({ type: 'invitation.accept', invitationId: invitation.id });
    const opened = await a.next('conversation.opened');
    expect(opened.conversation.context.origin).toMatchObject({ kind: 'agent', agentName: 'Alex Agent' });
    expect(opened.conversation.messages[0]).toMatchObject({
      seq: 1,
      text: 'Can I help with your order?',
      authorName: 'Alex Agent',
    });
    expect(a.all('offer.new')).toHaveLength(0);
    await h.clock.advance(1000);
    await view.changes();
    expect(view.page()[0]?.state).toBe('chatting');
  });

  it('withdrawn, the invitation disappears from the visitor', async () => {
    const a = await agent(h);
    const view = await watching(a);
    const v = await visitor(h, page('index'));
    await view.changes();
    a.send({ type: 'visitor.invite', visitorId: view.order[0], message: 'Hello!' });
    const { invitation } = await v.next('invitation.show');
    a.send({ type: 'visitor.invitation.withdraw', invitationId: invitation.id });
    const closed = await v.next('invitation.closed');
    expect(closed).toMatchObject({ invitationId: invitation.id, reason: 'withdrawn' });
    const stored = await h.node.store.getInvitation(invitation.id);
    expect(stored?.status).toBe('withdrawn');
    await h.clock.advance(1000);
    await view.changes();
    expect(view.page()[0]).toMatchObject({ state: 'browsing', invitedThisVisit: true });
    expect(view.page()[0]?.invitation).toBeUndefined();
  });

  it('an unavailable inviter: the accepted chat waits in the widget’s queue', async () => {
    const a = await agent(h, 'agent@beckon.local', 'offline');
    const view = await watching(a);
    const v = await visitor(h, page('index'));
    await view.changes();
    a.send({ type: 'visitor.invite', visitorId: view.order[0], message: 'Hello!' });
    const { invitation } = await v.next('invitation.show');
    v.send({ type: 'invitation.accept', invitationId: invitation.id });
    const update = await v.next('conversation.update');
    expect(update.conversation.status).toBe('waiting');
  });
});

describe('GET /v1/widgets/:id/live-visitors', () => {
  it("answers the widget's live list, filtered and sorted as a watch is, to any signed-in role", async () => {
    const agentCookie = await login(h.url, 'agent@beckon.local', password);
    const a = await agent(h);
    const view = await watching(a);
    await visitor(h, page('pricing'));
    await visitor(h, page('index'));
    await view.changes();
    type Page = { total: number; visitors: { page: { url: string } }[] };
    const list = (query = '') =>
      api<Page>(h, agentCookie, 'GET', `/v1/widgets/${h.demoWidgetId}/live-visitors${query}`);
    expect((await list()).body.total).toBe(2);
    const pricing = await list('?pageContains=pricing&limit=1');
    expect(pricing.body.total).toBe(1);
    expect(pricing.body.visitors.map((v) => v.page.url)).toEqual([page('pricing')]);
    expect((await list('?returning=true')).body.total).toBe(0);
    expect((await list('?limit=1000')).status).toBe(400);
    expect((await list('?idle=maybe')).status).toBe(400);
    expect((await api(h, agentCookie, 'GET', '/v1/widgets/wgt_none/live-visitors')).status).toBe(404);
    expect((await api(h, '', 'GET', `/v1/widgets/${h.demoWidgetId}/live-visitors`)).status).toBe(401);
  });
});

describe('POST /v1/visitors/:id/invitations', () => {
  it('a personalised invitation: variables filled from the visitor, a bad template refused with its position', async () => {
    const a = await agent(h);
    const view = await watching(a);
    const v = await visitor(h, page('pricing'), {
      context: { plan: 'Pro', score: { value: 7, isDisplayable: false } },
    });
    await view.changes();
    const visitorId = view.order[0]!;
    // A value the page hid from agents stays out of the list.
    expect(view.page()[0]?.context).toEqual({ plan: 'Pro' });

    a.send({ type: 'visitor.invite', visitorId, message: 'Hi {{customer.frstName | there}}' });
    const refused = await a.next('error');
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.details).toMatchObject({
      issues: [{ path: 'message', message: 'unknown variable "customer.frstName" at position 4' }],
    });

    const message =
      'Hi {{customer.firstName | there}}, the {{context.plan}} plan on “{{page.title}}”? {{agent.name}}';
    a.send({ type: 'visitor.invite', visitorId, message });
    await a.next('visitor.invited');
    const { invitation } = await v.next('invitation.show');
    expect(invitation.message).toBe('Hi there, the Pro plan on “Page”? Alex Agent');
  });

  it('invites as the signed-in admin, with clear refusals, and is audited', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const a = await agent(h);
    const view = await watching(a);
    const v = await visitor(h, page('index'));
    await view.changes();
    const visitorId = view.order[0]!;

    const gone = await api(h, admin, 'POST', '/v1/visitors/vis_nobody/invitations', { message: 'Hi' });
    expect(gone.status).toBe(404);
    expect(gone.body.error?.code).toBe('VISITOR_NOT_CONNECTED');
    const empty = await api(h, admin, 'POST', `/v1/visitors/${visitorId}/invitations`, { message: ' ' });
    expect(empty.status).toBe(400);
    const tooLong = await api(h, admin, 'POST', `/v1/visitors/${visitorId}/invitations`, {
      message: 'x'.repeat(501),
    });
    expect(tooLong.status).toBe(400);

    const agentCookie = await login(h.url, 'agent@beckon.local', password);
    const asAgent = await api(h, agentCookie, 'POST', `/v1/visitors/${visitorId}/invitations`, {
      message: 'Hi',
    });
    expect(asAgent.status).toBe(403);

    const made = await api<{ invitation: { id: string; expiresAt: number } }>(
      h,
      admin,
      'POST',
      `/v1/visitors/${visitorId}/invitations`,
      { message: 'Welcome back!' },
    );
    expect(made.status).toBe(201);
    const { invitation } = await v.next('invitation.show');
    expect(invitation).toMatchObject({
      id: made.body.invitation.id,
      source: 'agent',
      message: 'Welcome back!',
    });

    const busy = await api(h, admin, 'POST', `/v1/visitors/${visitorId}/invitations`, { message: 'Hi' });
    expect(busy.status).toBe(409);
    expect(busy.body.error?.code).toBe('VISITOR_BUSY');

    const trail = await api<{ entries: { action: string; targetId: string }[] }>(
      h,
      admin,
      'GET',
      '/v1/audit',
    );
    expect(trail.body.entries.some((e) => e.action === 'visitor.invited' && e.targetId === visitorId)).toBe(
      true,
    );
  });
});

describe('the visitor is protected', () => {
  it('consent mode: no page shown and no invitation before consent; operating hours: none outside them', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    expect(
      (await api(h, admin, 'PATCH', `/v1/widgets/${h.demoWidgetId}`, { consentRequired: true })).status,
    ).toBe(200);
    const a = await agent(h);
    const view = await watching(a);
    const v = await visitor(h, page('index'));
    await view.changes();
    const visitorId = view.order[0]!;
    expect(view.page()[0]).toMatchObject({ consent: 'pending', page: { url: '', title: '' }, journey: [] });
    a.send({ type: 'visitor.invite', visitorId, message: 'Hello' });
    expect((await a.next('error')).code).toBe('VISITOR_NO_CONSENT');

    v.send({ type: 'consent', granted: true });
    await settle();
    await h.clock.advance(1000);
    await view.changes();
    expect(view.page()[0]).toMatchObject({ consent: 'granted', page: { url: page('index') } });

    // Tuesday 10:00 in London; the widget opens at noon.
    const noonInLondon = { timeZone: 'Europe/London', periods: [{ day: 2, start: '12:00', end: '18:00' }] };
    expect(
      (await api(h, admin, 'PATCH', `/v1/widgets/${h.demoWidgetId}`, { operatingHours: noonInLondon }))
        .status,
    ).toBe(200);
    a.send({ type: 'visitor.invite', visitorId, message: 'Hello' });
    expect((await a.next('error', (e) => e.code !== 'VISITOR_NO_CONSENT')).code).toBe(
      'VISITOR_OUTSIDE_HOURS',
    );
    expect(v.all('invitation.show')).toHaveLength(0);
  });
});
