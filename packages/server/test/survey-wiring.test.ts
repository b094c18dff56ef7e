import type { AgentAvailability, Funnel, Rule, SurveyListResponse } from '@beckon/protocol';
import { login, settle } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, userIdOf } from './api.ts';
import { agent, type Harness, password, startHarness, visitor } from './harness.ts';

/** Round 2 joins: survey ratings in the funnel, routing's wait estimate in availability, the survey list. */

let h: Harness;
let admin: string;
beforeEach(async () => {
  h = await startHarness();
  admin = await login(h.url, 'admin@beckon.local', password);
});
afterEach(async () => {
  await h.close();
});

type AgentSocket = Awaited<ReturnType<typeof agent>>;
type VisitorSocket = Awaited<ReturnType<typeof visitor>>;

/** The visitor's chat is taken by the agent, runs `ms`, is ended; answers the conversation id. */
async function handledChat(a: AgentSocket, v: VisitorSocket, ms: number): Promise<string> {
  const { offer } = await a.next('offer.new');
  a.send({ type: 'offer.accept', offerId: offer.id });
  const { conversation } = await a.next('conversation.opened');
  await v.next('conversation.update', (f) => f.conversation.status === 'active');
  await h.clock.advance(ms);
  a.send({ type: 'conversation.end', conversationId: conversation.id });
  await v.next('conversation.update', (f) => f.conversation.status === 'ended');
  return conversation.id;
}

async function survey(v: VisitorSocket, conversationId: string, rating: number, comment?: string) {
  v.send({ type: 'survey.submit', conversationId, rating, ...(comment ? { comment } : {}) });
  await v.next('survey.saved');
}

describe('funnel CSAT from post-chat surveys', () => {
  it('averages the surveys of chats that came from the rule’s invitations, and only those', async () => {
    for (const rule of await h.node.services.widgets.rules(h.demoWidgetId)) {
      await h.node.services.widgets.deleteRule(rule.id);
    }
    const created = await api<Rule>(h, admin, 'POST', `/v1/widgets/${h.demoWidgetId}/rules`, {
      name: 'Pricing help',
      conditions: { type: 'currentUrl', op: 'contains', value: '/demo/pricing' },
      message: { text: 'Questions about plans?' },
    });
    expect(created.status).toBe(201);
    const from = h.clock.now();
    const a = await agent(h);

    // Two visitors accept the rule's invitation and rate their chats 5 and 2.
    for (const rating of [5, 2]) {
      const v = await visitor(h);
      const { invitation } = await v.next('invitation.show');
      v.send({ type: 'invitation.accept', invitationId: invitation.id });
      await survey(v, await handledChat(a, v, 60_000), rating);
      await v.close();
    }
    // A chat the visitor started on a page without the rule: its survey is not the rule's.
    const plain = await visitor(h, `${h.origin}/demo/index.html`);
    plain.send({ type: 'chat.start' });
    await survey(plain, await handledChat(a, plain, 60_000), 1);
    await plain.close();
    await settle();

    const funnel = await api<Funnel>(
      h,
      admin,
      'GET',
      `/v1/widgets/${h.demoWidgetId}/funnel?from=${from}&to=${h.clock.now() + 1}`,
    );
    expect(funnel.status).toBe(200);
    const rule = funnel.body.rules.find((r) => r.ruleId === created.body.id);
    expect(rule?.total).toMatchObject({ invited: 2, accepted: 2, ended: 2, csatCount: 2, csatAverage: 3.5 });
    await a.close();
  });
});

describe('getAgentAvailability wait estimate', () => {
  it('uses routing’s estimate from handling history, and the stated fallback without one', async () => {
    const agentId = await userIdOf(h, 'agent@beckon.local');
    await api(h, admin, 'PATCH', `/v1/users/${agentId}`, { capacity: 1 });
    const ask = async (v: VisitorSocket) => {
      v.send({ type: 'availability.request' });
      return (await v.next('availability')) as AgentAvailability;
    };
    const a = await agent(h);
    // No history yet, agent busy: the fallback of 120 s per chat ahead.
    const first = await visitor(h, `${h.origin}/demo/index.html`);
    first.send({ type: 'chat.start' });
    const { offer } = await a.next('offer.new');
    a.send({ type: 'offer.accept', offerId: offer.id });
    const { conversation } = await a.next('conversation.opened');
    const probe = await visitor(h, `${h.origin}/demo/index.html`);
    expect(await ask(probe)).toMatchObject({ isAgentAvailable: false, averageWaitTime: 120 });

    // One chat handled in 5 minutes; the agent (capacity 1) busy again: 1 turn × 300 s ÷ 1 slot.
    await h.clock.advance(300_000);
    a.send({ type: 'conversation.end', conversationId: conversation.id });
    const second = await visitor(h, `${h.origin}/demo/index.html`);
    second.send({ type: 'chat.start' });
    const next = await a.next('offer.new');
    a.send({ type: 'offer.accept', offerId: next.offer.id });
    await a.next('conversation.opened');
    expect(await ask(probe)).toMatchObject({ positionInQueue: 0, averageWaitTime: 300 });

    // The probe's own chat waits at position 1: the same figure its queue.position frame carries.
    probe.send({ type: 'chat.start' });
    const position = await probe.next('queue.position');
    expect(position.estimatedWaitSeconds).toBe(300);
    expect(await ask(probe)).toMatchObject({ positionInQueue: 1, averageWaitTime: 300 });
    await Promise.all([a.close(), first.close(), second.close(), probe.close()]);
  });
});

describe('GET /v1/surveys', () => {
  it('lists recent surveys with agent and conversation for supervisors and admins only', async () => {
    await h.node.services.accounts.createUser({
      email: 'sup@beckon.local',
      name: 'Sue Pervisor',
      role: 'supervisor',
      password,
    });
    const sup = await login(h.url, 'sup@beckon.local', password);
    const a = await agent(h);
    const ids: string[] = [];
    for (const [rating, comment] of [
      [4, 'Helpful'],
      [2, undefined],
    ] as const) {
      const v = await visitor(h, `${h.origin}/demo/index.html`);
      v.send({ type: 'chat.start' });
      const id = await handledChat(a, v, 1000);
      await h.clock.advance(1000);
      await survey(v, id, rating, comment);
      ids.push(id);
      await v.close();
    }
    const list = await api<SurveyListResponse>(h, sup, 'GET', '/v1/surveys');
    expect(list.status).toBe(200);
    const agentId = await userIdOf(h, 'agent@beckon.local');
    expect(list.body.surveys).toEqual([
      expect.objectContaining({ conversationId: ids[1], rating: 2, agentId, agentName: expect.any(String) }),
      expect.objectContaining({ conversationId: ids[0], rating: 4, comment: 'Helpful', agentId }),
    ]);
    expect(list.body.surveys[1]).toHaveProperty('widgetId', h.demoWidgetId);
    const older = await api<SurveyListResponse>(
      h,
      admin,
      'GET',
      `/v1/surveys?limit=5&before=${list.body.surveys[0]!.createdAt}`,
    );
    expect(older.body.surveys.map((s) => s.conversationId)).toEqual([ids[0]]);
    expect((await api(h, sup, 'GET', '/v1/surveys?limit=0')).status).toBe(400);
    expect((await api(h, sup, 'GET', '/v1/surveys?limit=many')).body.error?.code).toBe('VALIDATION_FAILED');
    const agentCookie = await login(h.url, 'agent@beckon.local', password);
    expect((await api(h, agentCookie, 'GET', '/v1/surveys')).status).toBe(403);
    expect((await fetch(`${h.url}/v1/surveys`)).status).toBe(401);
    await a.close();
  });
});
