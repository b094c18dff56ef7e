import type { ConditionNode } from '@beckon/protocol';
import { settle } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agent, type Harness, startHarness, visitor } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** The demo widget with one rule only: these conditions. */
async function onlyRule(conditions: ConditionNode): Promise<void> {
  const widgets = h.node.services.widgets;
  for (const rule of await widgets.rules(h.demoWidgetId)) await widgets.deleteRule(rule.id);
  await widgets.createRule(h.demoWidgetId, { name: 'Under test', conditions, message: { text: 'Hello!' } });
}

const page = (path: string, title = 'Page') => ({
  type: 'page',
  page: { url: `${h.origin}${path}`, title },
});

describe('conditions fed by the browser and the journey, on the fake clock', () => {
  it('custom events: invites at the second added_to_cart with the matching prop', async () => {
    await onlyRule({
      type: 'event',
      name: 'added_to_cart',
      op: 'gte',
      count: 2,
      props: { currency: 'EUR' },
    });
    const v = await visitor(h);
    v.send({ type: 'track', name: 'added_to_cart', props: { currency: 'EUR', sku: 'A' } });
    v.send({ type: 'track', name: 'added_to_cart', props: { currency: 'USD' } });
    await settle();
    expect(v.all('invitation.show')).toHaveLength(0);
    v.send({ type: 'track', name: 'added_to_cart', props: { currency: 'EUR' } });
    expect((await v.next('invitation.show')).invitation.message).toBe('Hello!');
    await v.close();
  });

  it("custom events: one tab's events count in the visitor's other tabs on this node", async () => {
    await onlyRule({ type: 'event', name: 'added_to_cart', op: 'gte', count: 2 });
    const first = await visitor(h);
    const visitorId = first.all('welcome')[0]!.visitorId;
    const second = await visitor(h, `${h.origin}/demo/cart.html`, { visitorId });
    first.send({ type: 'track', name: 'added_to_cart' });
    await settle();
    expect(first.all('invitation.show')).toHaveLength(0);
    // The second tab has tracked nothing itself: the first tab's event makes this one the second.
    second.send({ type: 'track', name: 'added_to_cart' });
    expect((await second.next('invitation.show')).invitation.message).toBe('Hello!');
    expect(h.node.services.visitors.visitEvents.size).toBe(1);
    await first.close();
    await second.close();
    await settle();
    // The last tab gone, the visit's list is dropped from memory.
    expect(h.node.services.visitors.visitEvents.size).toBe(0);
  });

  it("custom events: the next page of a multi-page site (a new socket) starts from the visit's events", async () => {
    await onlyRule({ type: 'event', name: 'added_to_cart', op: 'gte', count: 2 });
    const product = await visitor(h, `${h.origin}/demo/product.html`);
    const visitorId = product.all('welcome')[0]!.visitorId;
    product.send({ type: 'track', name: 'added_to_cart' });
    await settle();
    // The visitor follows a link: this page's socket closes before the next page's opens.
    await product.close();
    await settle();
    expect(h.node.services.visitors.visitEvents.size).toBe(0);
    await h.clock.advance(5_000);
    const cart = await visitor(h, `${h.origin}/demo/cart.html`, { visitorId });
    await settle();
    expect(cart.all('invitation.show')).toHaveLength(0);
    cart.send({ type: 'track', name: 'added_to_cart' });
    expect((await cart.next('invitation.show')).invitation.message).toBe('Hello!');
    await cart.close();
  });

  it('custom events: a new visit (after 30 idle minutes) starts with none', async () => {
    await onlyRule({ type: 'event', name: 'added_to_cart', op: 'gte', count: 2 });
    const first = await visitor(h);
    const visitorId = first.all('welcome')[0]!.visitorId;
    first.send({ type: 'track', name: 'added_to_cart' });
    await settle();
    await first.close();
    await h.clock.advance(31 * 60 * 1000);
    const later = await visitor(h, `${h.origin}/demo/cart.html`, { visitorId });
    later.send({ type: 'track', name: 'added_to_cart' });
    await settle();
    expect(later.all('invitation.show')).toHaveLength(0);
    later.send({ type: 'track', name: 'added_to_cart' });
    await later.next('invitation.show');
    await later.close();
  });

  it('a malformed track or signal frame is refused and the socket stays up', async () => {
    const v = await visitor(h);
    v.send({ type: 'track', name: '' });
    expect((await v.next('error')).code).toBe('VALIDATION_FAILED');
    v.send({ type: 'signal', kind: 'scroll', value: 101 });
    expect((await v.next('error')).code).toBe('VALIDATION_FAILED');
    v.send({ type: 'ping' });
    await v.next('pong');
    await v.close();
  });

  it('exit intent and scroll depth come from signal frames of the current page view', async () => {
    await onlyRule({
      type: 'all',
      conditions: [{ type: 'exitIntent' }, { type: 'scrollDepth', op: 'gte', percent: 50 }],
    });
    const v = await visitor(h);
    v.send({ type: 'signal', kind: 'scroll', value: 60 });
    v.send(page('/demo/other.html'));
    v.send({ type: 'signal', kind: 'exit' });
    await settle();
    // The scroll belonged to the previous page view.
    expect(v.all('invitation.show')).toHaveLength(0);
    v.send({ type: 'signal', kind: 'scroll', value: 55 });
    await v.next('invitation.show');
    await v.close();
  });

  it('idle time uses the one rule-check deadline and activity pushes it back', async () => {
    await onlyRule({ type: 'idleTime', op: 'gte', seconds: 20 });
    const v = await visitor(h);
    const visitorId = v.all('welcome')[0]!.visitorId;
    expect(h.node.services.proactive.pendingCheck(visitorId)).toBe(h.clock.now() + 20_000);
    await h.clock.advance(15_000);
    v.send({ type: 'signal', kind: 'active' });
    await settle();
    expect(h.node.services.proactive.pendingCheck(visitorId)).toBe(h.clock.now() + 20_000);
    await h.clock.advance(19_999);
    expect(v.all('invitation.show')).toHaveLength(0);
    await h.clock.advance(1);
    await v.next('invitation.show');
    await v.close();
  });

  it('URL funnel, visited URL, page title and UTM of the landing page', async () => {
    await onlyRule({
      type: 'all',
      conditions: [
        { type: 'urlFunnel', steps: ['/demo/index.html', '/demo/pricing.html', '/demo/cart*'] },
        { type: 'urlVisited', op: 'equals', value: '/demo/pricing.html' },
        { type: 'pageTitle', op: 'contains', value: 'cart' },
        { type: 'utm', param: 'campaign', op: 'equals', value: 'spring' },
      ],
    });
    const v = await visitor(h, `${h.origin}/demo/index.html?utm_campaign=Spring`);
    v.send(page('/demo/cart.html', 'Your cart'));
    await settle();
    expect(v.all('invitation.show')).toHaveLength(0);
    v.send(page('/demo/pricing.html', 'Pricing'));
    v.send(page('/demo/cart.html', 'Your Cart'));
    await v.next('invitation.show');
    await v.close();
  });

  it('time since last visit counts from the end of the previous visit', async () => {
    await onlyRule({ type: 'timeSinceLastVisit', op: 'gte', seconds: 3600 });
    const first = await visitor(h);
    const visitorId = first.all('welcome')[0]!.visitorId;
    await first.close();
    await h.clock.advance(40 * 60_000);
    const second = await visitor(h, undefined, { visitorId });
    await settle();
    expect(second.all('invitation.show')).toHaveLength(0);
    expect(h.node.services.proactive.pendingCheck(visitorId)).toBe(h.clock.now() + 20 * 60_000);
    await h.clock.advance(20 * 60_000);
    await second.next('invitation.show');
    await second.close();
  });

  it('agent available: only when an agent of the queue is available with free capacity', async () => {
    await onlyRule({ type: 'agentAvailable' });
    const v = await visitor(h);
    await settle();
    expect(v.all('invitation.show')).toHaveLength(0);
    const a = await agent(h);
    v.send(page('/demo/index.html'));
    await v.next('invitation.show');
    await a.close();
    await v.close();
  });

  it('agent available: a waiting visitor is invited when an agent becomes available, with no visitor event', async () => {
    await onlyRule({ type: 'agentAvailable' });
    const v = await visitor(h);
    await settle();
    expect(v.all('invitation.show')).toHaveLength(0);
    const a = await agent(h, 'agent@beckon.local', 'offline');
    await settle();
    expect(v.all('invitation.show')).toHaveLength(0);
    // Capacity changes: the visitor sends nothing, yet the rule is evaluated again and now matches.
    a.send({ type: 'presence.set', status: 'available' });
    expect((await v.next('invitation.show')).invitation.message).toBe('Hello!');
    await a.close();
    await v.close();
  });

  it('capacity changes re-evaluate only visitors whose rules read capacity', async () => {
    await onlyRule({ type: 'currentUrl', op: 'contains', value: '/nowhere' });
    const from = h.clock.now();
    const evaluated = async () => {
      const funnel = await h.node.services.analytics.funnel(h.demoWidgetId, { from, to: from + 86_400_000 });
      return funnel.rules.reduce((sum, rule) => sum + rule.evaluated, 0);
    };
    const v = await visitor(h);
    await settle();
    const afterHello = await evaluated();
    const a = await agent(h);
    await settle();
    expect(await evaluated()).toBe(afterHello);
    await onlyRule({
      type: 'all',
      conditions: [{ type: 'agentAvailable' }, { type: 'currentUrl', op: 'contains', value: '/nowhere' }],
    });
    v.send(page('/demo/index.html'));
    await settle();
    const withCapacityRule = await evaluated();
    a.send({ type: 'presence.set', status: 'away' });
    await a.next('presence');
    await settle();
    expect(await evaluated()).toBe(withCapacityRule + 1);
    await a.close();
    await v.close();
  });

  it('signals and events re-evaluate only when a live rule looks at them', async () => {
    const from = h.clock.now();
    const evaluated = async () => {
      const funnel = await h.node.services.analytics.funnel(h.demoWidgetId, { from, to: from + 86_400_000 });
      return funnel.rules.reduce((sum, rule) => sum + rule.evaluated, 0);
    };
    const v = await visitor(h, `${h.origin}/demo/index.html`);
    await settle();
    const afterHello = await evaluated();
    expect(afterHello).toBe(1);
    for (const value of [10, 20, 30]) v.send({ type: 'signal', kind: 'scroll', value });
    v.send({ type: 'track', name: 'viewed_video' });
    v.send({ type: 'ping' });
    await v.next('pong');
    await settle();
    expect(await evaluated()).toBe(afterHello);
    await onlyRule({ type: 'scrollDepth', op: 'gte', percent: 90 });
    v.send({ type: 'signal', kind: 'scroll', value: 40 });
    v.send({ type: 'ping' });
    await v.next('pong');
    await settle();
    expect(await evaluated()).toBe(afterHello + 1);
    await v.close();
  });
});
