import type { Funnel, Rule, RulePreview, RuleVersion } from '@beckon/protocol';
import { login, settle } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agent, type Harness, password, startHarness, visitor } from './harness.ts';

let h: Harness;
let adminCookie: string;
let agentCookie: string;
beforeEach(async () => {
  h = await startHarness();
  adminCookie = await login(h.url, 'admin@beckon.local', password);
  agentCookie = await login(h.url, 'agent@beckon.local', password);
});
afterEach(async () => {
  await h.close();
});

async function call<T>(method: string, path: string, cookie: string, body?: unknown) {
  const response = await fetch(`${h.url}${path}`, {
    method,
    headers: { cookie, origin: h.url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T & { error?: { code: string } } };
}

const pricingRule = {
  name: 'Pricing help',
  conditions: { type: 'currentUrl', op: 'contains', value: '/demo/pricing' },
  message: { text: 'Questions about plans?' },
};

async function onlyDraftRule(): Promise<Rule> {
  for (const rule of await h.node.services.widgets.rules(h.demoWidgetId)) {
    await h.node.services.widgets.deleteRule(rule.id);
  }
  const created = await call<Rule>('POST', `/v1/widgets/${h.demoWidgetId}/rules`, adminCookie, {
    ...pricingRule,
    status: 'draft',
  });
  expect(created.status).toBe(201);
  return created.body;
}

describe('rule lifecycle: drafts, publishing, version history', () => {
  it('a draft never invites live visitors; once published it does', async () => {
    const draft = await onlyDraftRule();
    const v = await visitor(h);
    await settle();
    expect(v.all('invitation.show')).toHaveLength(0);
    const published = await call<Rule>('POST', `/v1/rules/${draft.id}/publish`, adminCookie);
    expect(published.body.status).toBe('published');
    v.send({ type: 'page', page: { url: `${h.origin}/demo/pricing.html?again`, title: 'Pricing' } });
    expect((await v.next('invitation.show')).invitation.message).toBe('Questions about plans?');
    await v.close();
  });

  it('records who changed what and when; only admins change, agents cannot read the history', async () => {
    const draft = await onlyDraftRule();
    await h.clock.advance(1000);
    await call('PUT', `/v1/rules/${draft.id}`, adminCookie, {
      ...pricingRule,
      name: 'Renamed',
      status: 'draft',
    });
    await call('POST', `/v1/rules/${draft.id}/publish`, adminCookie);
    await call('POST', `/v1/rules/${draft.id}/unpublish`, adminCookie);
    expect((await call('POST', `/v1/rules/${draft.id}/publish`, agentCookie)).status).toBe(403);
    expect((await call('GET', `/v1/rules/${draft.id}/versions`, agentCookie)).status).toBe(403);
    const history = await call<{ versions: RuleVersion[] }>(
      'GET',
      `/v1/rules/${draft.id}/versions`,
      adminCookie,
    );
    expect(history.body.versions.map((v) => [v.version, v.action, v.rule.name, v.userName])).toEqual([
      [4, 'unpublished', 'Renamed', 'Ada Admin'],
      [3, 'published', 'Renamed', 'Ada Admin'],
      [2, 'saved', 'Renamed', 'Ada Admin'],
      [1, 'created', 'Pricing help', 'Ada Admin'],
    ]);
    expect(history.body.versions[3]!.at).toBe(history.body.versions[2]!.at - 1000);
  });
});

describe('funnel analytics API', () => {
  it('counts evaluated, shown, accepted and the agent taking the chat for a real visitor', async () => {
    const from = h.clock.now();
    const draft = await onlyDraftRule();
    await call('POST', `/v1/rules/${draft.id}/publish`, adminCookie);
    const a = await agent(h);
    const v = await visitor(h);
    const { invitation } = await v.next('invitation.show');
    await h.clock.advance(3000);
    v.send({ type: 'invitation.accept', invitationId: invitation.id });
    const offer = await a.next('offer.new');
    a.send({ type: 'offer.accept', offerId: offer.offer.id });
    await v.next('conversation.update');
    await settle();
    const funnel = await call<Funnel>(
      'GET',
      `/v1/widgets/${h.demoWidgetId}/funnel?from=${from}&to=${h.clock.now() + 1}`,
      adminCookie,
    );
    expect(funnel.status).toBe(200);
    const [rule] = funnel.body.rules;
    expect(rule).toMatchObject({
      ruleId: draft.id,
      total: {
        invited: 1,
        shown: 1,
        accepted: 1,
        agentAccepted: 1,
        acceptanceRate: 1,
        medianSecondsToAccept: 3,
      },
    });
    expect(rule!.evaluated).toBeGreaterThanOrEqual(1);
    expect((await call('GET', `/v1/widgets/${h.demoWidgetId}/funnel?from=5&to=1`, adminCookie)).status).toBe(
      400,
    );
    expect((await call('GET', `/v1/widgets/${h.demoWidgetId}/funnel?from=0&to=1`, agentCookie)).status).toBe(
      403,
    );
    await a.close();
    await v.close();
  });
});

describe('preview links', () => {
  it("shows a draft to the link holder's browser only, outside the funnel; bad tokens are refused", async () => {
    const from = h.clock.now();
    const draft = await onlyDraftRule();
    expect((await call('POST', `/v1/rules/${draft.id}/preview`, agentCookie)).status).toBe(403);
    const link = await call<RulePreview>('POST', `/v1/rules/${draft.id}/preview`, adminCookie);
    expect(link.body.parameter).toBe(`beckon_preview=${link.body.token}`);
    const stranger = await visitor(h);
    const admin = await visitor(h, undefined, { preview: link.body.token });
    expect((await admin.next('invitation.show')).invitation.message).toBe('Questions about plans?');
    await settle();
    expect(stranger.all('invitation.show')).toHaveLength(0);
    const funnel = await call<Funnel>(
      'GET',
      `/v1/widgets/${h.demoWidgetId}/funnel?from=${from}&to=${h.clock.now() + 1}`,
      adminCookie,
    );
    expect(funnel.body.rules[0]).toMatchObject({ ruleId: draft.id, evaluated: 0, total: { invited: 0 } });

    const forged = await visitor(h, undefined, { preview: 'not-a-token' });
    expect((await forged.next('error')).code).toBe('PREVIEW_INVALID');
    await h.clock.advance(60 * 60_000);
    const late = await visitor(h, undefined, { preview: link.body.token });
    expect((await late.next('error')).code).toBe('PREVIEW_INVALID');
    late.send({ type: 'ping' });
    await late.next('pong');
    for (const socket of [stranger, admin, forged, late]) await socket.close();
  });
});

describe('rule versions under concurrent saves', () => {
  it('two admins saving the same rule at once both succeed, with distinct version numbers', async () => {
    const draft = await onlyDraftRule();
    // Straight into the service, so the three saves interleave between reading and writing the history.
    const save = (name: string) =>
      h.node.services.widgets.updateRule(draft.id, { ...pricingRule, name, status: 'draft' });
    const saves = await Promise.allSettled([save('First'), save('Second'), save('Third')]);
    expect(saves.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    // On one instant of the clock each save still gets its own updatedAt (the compiled-rule cache's key), and
    // the stored rule is the one with the latest.
    const saved = saves.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    expect(new Set(saved.map((rule) => rule.updatedAt)).size).toBe(3);
    const last = saved.reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a));
    expect(await h.node.store.getRule(draft.id)).toMatchObject({
      name: last.name,
      updatedAt: last.updatedAt,
    });
    const history = await call<{ versions: RuleVersion[] }>(
      'GET',
      `/v1/rules/${draft.id}/versions`,
      adminCookie,
    );
    expect(history.body.versions.map((v) => v.version)).toEqual([4, 3, 2, 1]);
    expect(
      history.body.versions
        .slice(0, 3)
        .map((v) => v.rule.name)
        .sort(),
    ).toEqual(['First', 'Second', 'Third']);
  });
});
