import type { Funnel, LiveVisitor, LiveVisitorsPage, VisitorServerFrame } from '@beckon/protocol';
import { login, settle, type TestSocket } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { learnFlushMs } from '../src/domain/proactive/acceptance-learner.ts';
import { api } from './api.ts';
import { agent, type Harness, password, startHarness, visitor } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { BECKON_SMART_MIN_OUTCOMES: '20' } });
  await h.node.services.widgets.update(h.demoWidgetId, {
    fatigue: { perVisit: 100, perWeek: 100, dismissBackoffMinutes: 0 },
  });
});
afterEach(async () => {
  await h.close();
});

/** The demo rule made smart: 5 s on any page and a predicted acceptance of at least 50 %. */
async function smartDemoRule(extra: Record<string, unknown> = {}): Promise<string> {
  const [demo] = await h.node.services.widgets.rules(h.demoWidgetId);
  if (!demo) throw new Error('the demo seed has no rule');
  const { id, widgetId: _w, updatedAt: _u, ...input } = demo;
  const conditions = {
    type: 'all',
    conditions: [
      { type: 'timeOnPage', op: 'gte', seconds: 5 },
      { type: 'predictedAcceptance', op: 'gte', percent: 50 },
    ],
  };
  const { smart: _previous, ...unsmart } = input;
  await h.node.services.widgets.updateRule(id, { ...unsmart, conditions, caps: {}, ...extra } as never);
  return id;
}

const cart = () => `${h.origin}/cart/index.html`;
const blog = () => `${h.origin}/blog/post.html`;

/** A new visitor on `url` for 5 s: whether the rule invited them. */
async function invitedAfter5s(
  url: string,
): Promise<{ socket: TestSocket<VisitorServerFrame>; invited: boolean }> {
  const socket = await visitor(h, url);
  await h.clock.advance(5_000);
  await settle();
  return { socket, invited: socket.all('invitation.show').length > 0 };
}

/**
 * Cart visitors accept, blog visitors dismiss: the outcomes the model learns from. The rule's kill switch is on
 * meanwhile (the model still learns), so every trainee is invited whatever the model says by then.
 */
async function train(visitors: number): Promise<void> {
  await smartDemoRule({ smart: { off: true } });
  for (let i = 0; i < visitors; i += 1) {
    const onCart = i % 2 === 0;
    const { socket } = await invitedAfter5s(onCart ? cart() : blog());
    const { invitation } = await socket.next('invitation.show');
    socket.send({ type: onCart ? 'invitation.accept' : 'invitation.dismiss', invitationId: invitation.id });
    await socket.next('invitation.closed');
    await socket.close();
  }
  await h.clock.advance(learnFlushMs);
  await settle();
  await smartDemoRule();
}

// Thirty trained visitors over real sockets: slow on a loaded machine, whatever the fake clock does.
describe('smart invitations, live on the fake clock', { timeout: 120_000 }, () => {
  it('behaves as written until the model is ready, then the condition follows what it learnt', async () => {
    await smartDemoRule();
    const before = await invitedAfter5s(blog());
    expect(before.invited).toBe(true);
    await before.socket.close();

    await train(30);
    const stored = await h.node.store.getAcceptanceModel(h.demoWidgetId);
    expect(stored?.version).toBeGreaterThan(0);
    // The 30 trained, and the first visitor's invitation, left to expire while they trained.
    expect(JSON.parse(stored!.model)).toMatchObject({ outcomes: 31, accepted: 15 });

    const blogNow = await invitedAfter5s(blog());
    expect(blogNow.invited).toBe(false);
    const cartNow = await invitedAfter5s(cart());
    expect(cartNow.invited).toBe(true);

    const visitorId = blogNow.socket.all('welcome')[0]!.visitorId;
    const explained = await h.node.services.explanations.explainLive(h.demoWidgetId, visitorId);
    expect(explained.prediction).toMatchObject({ state: 'ready', outcomes: 31 });
    expect(explained.prediction!.percent).toBeLessThan(50);
    expect(explained.prediction!.down.map((push) => push.feature)).toContain('page:/blog');
    expect(explained.rules[0]?.reason).toMatch(
      /^predicted acceptance is [\d.]+%; needs predicted acceptance ≥ 50%$/,
    );

    // The widget's kill switch: at once, the rule as written again.
    await h.node.services.widgets.update(h.demoWidgetId, { smartInvitations: false });
    await h.clock.advance(1_000);
    blogNow.socket.send({ type: 'page', page: { url: blog(), title: 'Blog' } });
    await settle();
    await h.clock.advance(5_000);
    await settle();
    expect(blogNow.socket.all('invitation.show')).toHaveLength(1);
    const off = await h.node.services.explanations.explainLive(h.demoWidgetId, visitorId);
    expect(off.prediction?.state).toBe('off');
    await blogNow.socket.close();
    await cartNow.socket.close();
  });

  it('a rule’s own kill switch returns it to its conditions as written', async () => {
    await train(30);
    await smartDemoRule({ smart: { off: true } });
    const blogNow = await invitedAfter5s(blog());
    expect(blogNow.invited).toBe(true);
    await blogNow.socket.close();
  });

  it('counts a smart rule’s invitations as smart in the funnel, and the same rule under the kill switch as static', async () => {
    // Trained with the rule's own switch on: 30 static invitations, 15 accepted and 15 dismissed.
    await train(30);
    const smart = await invitedAfter5s(cart());
    expect(smart.invited).toBe(true);
    const { invitation } = await smart.socket.next('invitation.show');
    smart.socket.send({ type: 'invitation.accept', invitationId: invitation.id });
    await smart.socket.next('invitation.closed');
    // The widget's switch: the same rule, as written, makes static invitations at once.
    await h.node.services.widgets.update(h.demoWidgetId, { smartInvitations: false });
    const off = await invitedAfter5s(blog());
    expect(off.invited).toBe(true);

    const cookie = await login(h.url, 'admin@beckon.local', password);
    const from = h.clock.now() - 86_400_000;
    const funnel = await api<Funnel>(
      h,
      cookie,
      'GET',
      `/v1/widgets/${h.demoWidgetId}/funnel?from=${from}&to=${h.clock.now() + 1}`,
    );
    expect(funnel.status).toBe(200);
    const expected = {
      smart: { shown: 1, accepted: 1, dismissed: 0, expired: 0, chats: 0, acceptanceRate: 1 },
      static: { shown: 31, accepted: 15, dismissed: 15, expired: 0, chats: 0, acceptanceRate: 15 / 31 },
    };
    expect(funnel.body.smartSplit).toEqual(expected);
    const [rule] = await h.node.services.widgets.rules(h.demoWidgetId);
    expect(funnel.body.rules.find((r) => r.ruleId === rule!.id)?.smartSplit).toEqual(expected);
    await smart.socket.close();
    await off.socket.close();
  });

  it('shows each visitor’s predicted acceptance in the Visitors list once the model is ready, with its pushes', async () => {
    const cookie = await login(h.url, 'admin@beckon.local', password);
    const listed = async () =>
      (await api<LiveVisitorsPage>(h, cookie, 'GET', `/v1/widgets/${h.demoWidgetId}/live-visitors`)).body
        .visitors;
    const idOf = (socket: TestSocket<VisitorServerFrame>) => socket.all('welcome')[0]!.visitorId;
    // Cold start: nothing to show.
    const cold = await visitor(h, cart());
    await settle();
    expect((await listed()).map((v) => v.prediction)).toEqual([undefined]);
    await cold.close();

    await train(30);
    const cartNow = await visitor(h, cart());
    const blogNow = await visitor(h, blog());
    await h.clock.advance(2_000);
    await settle();
    const byId = new Map((await listed()).map((v) => [v.id, v]));
    const onCart = byId.get(idOf(cartNow))?.prediction;
    const onBlog = byId.get(idOf(blogNow))?.prediction;
    expect(onCart!.percent).toBeGreaterThan(onBlog!.percent);
    expect(onCart!.up.map((push) => push.feature)).toContain('page:/cart');
    expect(onBlog!.down.map((push) => push.feature)).toContain('page:/blog');
    // The same model and journey as the explain API's: the same percent and pushes.
    const explained = await h.node.services.explanations.explainLive(h.demoWidgetId, idOf(blogNow));
    expect(onBlog).toEqual({
      percent: explained.prediction!.percent,
      up: explained.prediction!.up,
      down: explained.prediction!.down,
    });

    // A watching agent gets them in the list's frames too (the widget's row read once, off the page views).
    const a = await agent(h);
    a.send({ type: 'visitors.watch' });
    const seen = new Map<string, LiveVisitor>();
    for (const v of (await a.next('visitors.list')).visitors) seen.set(v.id, v);
    await settle();
    await h.clock.advance(1_000);
    await settle();
    for (const frame of a.all('visitors.changes')) for (const v of frame.changed) seen.set(v.id, v);
    expect(seen.get(idOf(cartNow))?.prediction?.percent).toBeGreaterThan(50);
    await a.close();
    await cartNow.close();
    await blogNow.close();
  });
});
