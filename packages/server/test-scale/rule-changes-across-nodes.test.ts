import type { Rule } from '@beckon/protocol';
import { FakeClock, login } from '@beckon/test-kit';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { api } from '../test/api.ts';
import { agent, type Harness, password, visitor } from '../test/harness.ts';
import { SharedClockNodes } from './shared-clock-nodes.ts';

/**
 * A node keeps the widget and rules it last read for the rule check (PostgreSQL, `RuleCheckReader`), and the
 * database says at every check whether they are still current. A visitor is on node A; an admin changes the rule
 * on node B: the check that falls due next on A must run the new rule, not the kept one (which would invite at
 * 30 s).
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
  const a = await agent(nodeB);
  const started = nodeA.clock.now();
  const v = await visitor(nodeA);
  const visitorId = v.all('welcome')[0]!.visitorId;
  const pending = () => nodeA.node.services.proactive.pendingCheck(visitorId);
  // A read the widget and its rule (30 s on a pricing page) and armed the check.
  await vi.waitFor(() => expect(pending()).toBe(started + 30_000));

  const admin = await login(nodeB.url, 'admin@beckon.local', password);
  const rules = `/v1/widgets/${nodeB.demoWidgetId}/rules`;
  const listed = await api<{ rules: Rule[] }>(nodeB, admin, 'GET', rules);
  const [{ id, widgetId: _w, updatedAt: _u, ...rule }] = listed.body.rules as [Rule];
  const conditions = {
    type: 'all',
    conditions: [
      { type: 'currentUrl', op: 'wildcard', value: '*/pricing*' },
      { type: 'timeOnPage', op: 'gte', seconds: 60 },
    ],
  };
  const message = { text: 'Still comparing plans?' };
  const changed = await api(nodeB, admin, 'PUT', `/v1/rules/${id}`, { ...rule, conditions, message });
  expect(changed.status).toBe(200);

  // The check due at 30 s on A finds the rule changed: not yet, again at 60 s.
  await nodeA.clock.advance(30_000);
  await vi.waitFor(() => expect(pending()).toBe(started + 60_000));
  expect(v.all('invitation.show')).toEqual([]);
  await nodeA.clock.advance(30_000);
  expect((await v.next('invitation.show')).invitation.message).toBe('Still comparing plans?');
  await Promise.all([a.close(), v.close()]);
});
