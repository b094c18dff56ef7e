import type { Rule } from '@beckon/protocol';
import { FakeClock, login } from '@beckon/test-kit';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { api } from '../test/api.ts';
import { agent, type Harness, password, visitor } from '../test/harness.ts';
import { SharedClockNodes } from './shared-clock-nodes.ts';

/**
 * A node keeps the widget and rules it last read for the rule check (PostgreSQL, `RuleCheckReader`), and the
 * database says at every check whether they are still current. An admin changes the rule on the other node:
 * the check that falls due next must run the new rule, not the kept one (which would invite at 30 s).
 */
let nodes: SharedClockNodes;
let nodeA: Harness;
let nodeB: Harness;

beforeAll(async () => {
  nodes = await SharedClockNodes.create(new FakeClock(Date.UTC(2026, 10, 24, 10, 0, 0)));
  nodeA = await nodes.start();
  nodeB = await nodes.start();
});

afterAll(async () => {
  await nodes?.close();
});

it('a rule changed on one node applies at the next check on the other', async () => {
  // Someone can answer: the demo widget invites only then.
  const a = await agent(nodeA);
  const started = nodeB.clock.now();
  const v = await visitor(nodeB);
  const visitorId = v.all('welcome')[0]!.visitorId;
  // B read the widget and its rule (30 s on a pricing page) and armed the check.
  await vi.waitFor(() =>
    expect(nodeB.node.services.proactive.pendingCheck(visitorId)).toBe(started + 30_000),
  );

  const admin = await login(nodeA.url, 'admin@beckon.local', password);
  const listed = await api<{ rules: Rule[] }>(nodeA, admin, 'GET', `/v1/widgets/${nodeA.demoWidgetId}/rules`);
  const [{ id, widgetId: _w, updatedAt: _u, ...rule }] = listed.body.rules as [Rule];
  const conditions = {
    type: 'all',
    conditions: [
      { type: 'currentUrl', op: 'wildcard', value: '*/pricing*' },
      { type: 'timeOnPage', op: 'gte', seconds: 60 },
    ],
  };
  const message = { text: 'Still comparing plans?' };
  expect((await api(nodeA, admin, 'PUT', `/v1/rules/${id}`, { ...rule, conditions, message })).status).toBe(
    200,
  );

  // The check due at 30 s finds the rule changed: not yet, again at 60 s.
  await nodeB.clock.advance(30_000);
  await vi.waitFor(() =>
    expect(nodeB.node.services.proactive.pendingCheck(visitorId)).toBe(started + 60_000),
  );
  expect(v.all('invitation.show')).toEqual([]);
  await nodeB.clock.advance(30_000);
  expect((await v.next('invitation.show')).invitation.message).toBe('Still comparing plans?');
  await Promise.all([a.close(), v.close()]);
});
