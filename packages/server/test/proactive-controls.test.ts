import type { Explanation } from '@beckon/protocol';
import { login, settle } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, password, startHarness, visitor } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** The demo rule ("30 s on a pricing page"), with caps replaced. */
async function capDemoRule(caps: Record<string, unknown>): Promise<void> {
  const [demo] = await h.node.services.widgets.rules(h.demoWidgetId);
  if (!demo) throw new Error('the demo seed has no rule');
  const { id, widgetId: _w, updatedAt: _u, ...input } = demo;
  await h.node.services.widgets.updateRule(id, { ...input, caps });
}

const pricing = (n: number) => ({
  type: 'page',
  page: { url: `${h.origin}/demo/pricing.html?p=${n}`, title: 'Pricing' },
});

describe('per-rule caps and the fatigue budget on the fake clock', () => {
  it('a once-per-page rule invites again after a single-page-app navigation, not before', async () => {
    await capDemoRule({ perPage: true });
    const v = await visitor(h);
    await h.clock.advance(30_000);
    await v.next('invitation.show');
    await h.clock.advance(60_000);
    expect(await v.next('invitation.closed')).toMatchObject({ reason: 'expired' });
    await h.clock.advance(120_000);
    expect(v.all('invitation.show')).toHaveLength(1);
    v.send(pricing(2));
    await settle();
    await h.clock.advance(29_999);
    expect(v.all('invitation.show')).toHaveLength(1);
    await h.clock.advance(1);
    await v.next('invitation.show');
    expect(v.all('invitation.show')).toHaveLength(2);
    await v.close();
  });

  it('the per-visit budget stops a once-per-page rule after two invitations', async () => {
    await capDemoRule({ perPage: true });
    const v = await visitor(h);
    for (let page = 2; page <= 3; page += 1) {
      await h.clock.advance(30_000);
      await v.next('invitation.show');
      await h.clock.advance(60_000);
      await v.next('invitation.closed');
      v.send(pricing(page));
      await settle();
    }
    await h.clock.advance(120_000);
    expect(v.all('invitation.show')).toHaveLength(2);
    await v.close();
  });

  it('backs off after a dismissal for the widget’s setting, then invites when it ends', async () => {
    await capDemoRule({ perPage: true });
    await h.node.services.widgets.update(h.demoWidgetId, {
      fatigue: { perVisit: 5, perWeek: 10, dismissBackoffMinutes: 10 },
    });
    const v = await visitor(h);
    await h.clock.advance(30_000);
    const { invitation } = await v.next('invitation.show');
    const dismissedAt = h.clock.now();
    v.send({ type: 'invitation.dismiss', invitationId: invitation.id });
    await v.next('invitation.closed');
    await h.clock.advance(1000);
    v.send(pricing(2));
    await settle();
    const visitorId = v.all('welcome')[0]!.visitorId;
    expect(h.node.services.proactive.pendingCheck(visitorId)).toBe(dismissedAt + 600_000);
    await h.clock.advance(600_000 - 1000 - 1);
    expect(v.all('invitation.show')).toHaveLength(1);
    await h.clock.advance(1);
    await v.next('invitation.show');
    await v.close();
  });
});

describe('explain API', () => {
  async function call(method: string, path: string, cookie: string, body?: unknown) {
    const response = await fetch(`${h.url}${path}`, {
      method,
      headers: {
        cookie,
        origin: h.url,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as Explanation & { error?: { code: string } },
    };
  }

  it('explains a live visitor: the failing condition with its actual value and when it becomes true', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const v = await visitor(h);
    const visitorId = v.all('welcome')[0]!.visitorId;
    await h.clock.advance(10_000);
    const { status, body } = await call(
      'GET',
      `/v1/widgets/${h.demoWidgetId}/explain?visitorId=${visitorId}`,
      admin,
    );
    expect(status).toBe(200);
    expect(body.fire).toBeUndefined();
    expect(body.nextCheckAt).toBe(h.clock.now() + 20_000);
    expect(body.rules[0]).toMatchObject({
      outcome: 'not-matched',
      failedPath: 'conditions.all[1]',
      actual: 10,
      becomesTrueAt: h.clock.now() + 20_000,
    });
    expect(body.rules[0]?.reason).toMatch(/10/);
    await h.clock.advance(20_000);
    await v.next('invitation.show');
    const busy = await call('GET', `/v1/widgets/${h.demoWidgetId}/explain?visitorId=${visitorId}`, admin);
    expect(busy.body.rules[0]).toMatchObject({ outcome: 'vetoed', gate: 'busy', conditionsMatch: true });
    const gone = await call('GET', `/v1/widgets/${h.demoWidgetId}/explain?visitorId=vis_nobody`, admin);
    expect(gone.status).toBe(404);
    await v.close();
  });

  it('explains a typed journey, and only for admins and supervisors', async () => {
    const admin = await login(h.url, 'admin@beckon.local', password);
    const path = `/v1/widgets/${h.demoWidgetId}/explain`;
    const fires = await call('POST', path, admin, {
      url: 'https://shop.example/pricing',
      timeOnPageSeconds: 31,
    });
    expect(fires.status).toBe(200);
    expect(fires.body.fire?.message).toBe('Need help choosing a plan?');
    const wrongPage = await call('POST', path, admin, {
      url: 'https://shop.example/cart',
      timeOnPageSeconds: 31,
    });
    expect(wrongPage.body.rules[0]).toMatchObject({
      outcome: 'not-matched',
      failedPath: 'conditions.all[0]',
    });
    expect(wrongPage.body.nextCheckAt).toBeUndefined();
    const invalid = await call('POST', path, admin, { timeOnPageSeconds: -1 });
    expect(invalid.body.error?.code).toBe('VALIDATION_FAILED');
    await h.node.services.widgets.update(h.demoWidgetId, { proactiveEnabled: false });
    const off = await call('POST', path, admin, {
      url: 'https://shop.example/pricing',
      timeOnPageSeconds: 31,
    });
    expect(off.body.rules[0]).toMatchObject({
      outcome: 'vetoed',
      gate: 'proactive-off',
      conditionsMatch: true,
    });
    const agent = await login(h.url, 'agent@beckon.local', password);
    expect((await call('POST', path, agent, { url: 'https://shop.example/' })).status).toBe(403);
  });
});
