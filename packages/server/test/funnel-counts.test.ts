import type { Funnel, SupervisorOverview } from '@beckon/protocol';
import { login, settle } from '@beckon/test-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { api } from './api.ts';
import { agent, type Harness, password, startHarness, visitor } from './harness.ts';

/**
 * Every path an invitation can take, driven through real sockets on one node and the fake clock, and the counts
 * it leaves in the funnel (GET /v1/widgets/:id/funnel) and the supervisor's overview: each transition once.
 */
let h: Harness;
afterEach(async () => h?.close());

async function counts() {
  const cookie = await login(h.url, 'admin@beckon.local', password);
  const from = h.clock.now() - 86_400_000;
  const funnel = await api<Funnel>(
    h,
    cookie,
    'GET',
    `/v1/widgets/${h.demoWidgetId}/funnel?from=${from}&to=${h.clock.now() + 1}`,
  );
  expect(funnel.status).toBe(200);
  const overview = await api<SupervisorOverview>(h, cookie, 'GET', '/v1/supervisor/overview');
  const rule = funnel.body.rules.find((r) => r.ruleName === '30 s on a pricing page')!;
  const { invited, shown, accepted, dismissed, expired, agentAccepted, ended } = rule.total;
  const {
    shown: sShown,
    accepted: sAccepted,
    dismissed: sDismissed,
    expired: sExpired,
    pending,
  } = overview.body.funnel;
  return {
    funnel: { invited, shown, accepted, dismissed, expired, agentAccepted, ended },
    supervisor: { shown: sShown, accepted: sAccepted, dismissed: sDismissed, expired: sExpired, pending },
  };
}

const none = { invited: 0, shown: 0, accepted: 0, dismissed: 0, expired: 0, agentAccepted: 0, ended: 0 };
const noneShown = { shown: 0, accepted: 0, dismissed: 0, expired: 0, pending: 0 };

async function invited() {
  const v = await visitor(h);
  await h.clock.advance(30_000);
  const { invitation } = await v.next('invitation.show');
  return { v, invitation };
}

describe('funnel counts: each invitation path counted once, with its outcome', () => {
  it('shown and still open: pending in the supervisor view', async () => {
    h = await startHarness();
    const { v } = await invited();
    expect(await counts()).toEqual({
      funnel: { ...none, invited: 1, shown: 1 },
      supervisor: { ...noneShown, shown: 1, pending: 1 },
    });
    await v.close();
  });

  it('Chat now, then the pre-chat form left: the widget dismisses it; no second invitation this visit', async () => {
    h = await startHarness();
    const { v, invitation } = await invited();
    // The pane closes the form of an invitation it holds by dismissing it (chat/session.ts close()).
    v.send({ type: 'invitation.dismiss', invitationId: invitation.id });
    await v.next('invitation.closed');
    await h.clock.advance(120_000);
    await settle();
    expect(v.all('invitation.show')).toHaveLength(1);
    expect(await counts()).toEqual({
      funnel: { ...none, invited: 1, shown: 1, dismissed: 1 },
      supervisor: { ...noneShown, shown: 1, dismissed: 1 },
    });
    await v.close();
  });

  it('dismissed', async () => {
    h = await startHarness();
    const { v, invitation } = await invited();
    v.send({ type: 'invitation.dismiss', invitationId: invitation.id });
    await v.next('invitation.closed');
    expect(await counts()).toEqual({
      funnel: { ...none, invited: 1, shown: 1, dismissed: 1 },
      supervisor: { ...noneShown, shown: 1, dismissed: 1 },
    });
    await v.close();
  });

  it('expired on the server clock, and not shown again to the same visit', async () => {
    h = await startHarness();
    const { v } = await invited();
    await h.clock.advance(60_000);
    expect(await v.next('invitation.closed')).toMatchObject({ reason: 'expired' });
    await h.clock.advance(120_000);
    await settle();
    expect(v.all('invitation.show')).toHaveLength(1);
    expect(await counts()).toEqual({
      funnel: { ...none, invited: 1, shown: 1, expired: 1 },
      supervisor: { ...noneShown, shown: 1, expired: 1 },
    });
    await v.close();
  });

  it('accepted with the pre-chat answers and no agent to take it: accepted, waiting, then ended by the visitor', async () => {
    h = await startHarness();
    const { v, invitation } = await invited();
    v.send({ type: 'invitation.accept', invitationId: invitation.id, prechat: { name: 'Ann' } });
    expect(await v.next('invitation.closed')).toMatchObject({ reason: 'accepted' });
    expect((await v.next('conversation.update')).conversation.status).toBe('waiting');
    // Minutes pass with nobody to answer: the invitation stays accepted, it never expires as well.
    await h.clock.advance(180_000);
    expect(await counts()).toEqual({
      funnel: { ...none, invited: 1, shown: 1, accepted: 1 },
      supervisor: { ...noneShown, shown: 1, accepted: 1 },
    });
    v.send({ type: 'chat.close' });
    await v.next('conversation.update', (f) => f.conversation.status === 'ended');
    expect(await counts()).toEqual({
      funnel: { ...none, invited: 1, shown: 1, accepted: 1, ended: 1 },
      supervisor: { ...noneShown, shown: 1, accepted: 1 },
    });
    await v.close();
  });

  it('accepted, an agent takes it, the conversation ends', async () => {
    h = await startHarness();
    const a = await agent(h);
    const { v, invitation } = await invited();
    v.send({ type: 'invitation.accept', invitationId: invitation.id });
    await v.next('invitation.closed');
    const { offer } = await a.next('offer.new');
    a.send({ type: 'offer.accept', offerId: offer.id });
    await a.next('conversation.opened');
    await settle();
    expect(await counts()).toEqual({
      funnel: { ...none, invited: 1, shown: 1, accepted: 1, agentAccepted: 1 },
      supervisor: { ...noneShown, shown: 1, accepted: 1 },
    });
    a.send({ type: 'conversation.end', conversationId: offer.conversationId });
    await v.next('conversation.update', (f) => f.conversation.status === 'ended');
    expect(await counts()).toEqual({
      funnel: { ...none, invited: 1, shown: 1, accepted: 1, agentAccepted: 1, ended: 1 },
      supervisor: { ...noneShown, shown: 1, accepted: 1 },
    });
    await v.close();
    await a.close();
  });

  it('a preview link’s invitation (an admin checking a rule) counts in neither view', async () => {
    h = await startHarness();
    const cookie = await login(h.url, 'admin@beckon.local', password);
    const { rules } = (
      await api<{ rules: { id: string }[] }>(h, cookie, 'GET', `/v1/widgets/${h.demoWidgetId}/rules`)
    ).body;
    const link = await api<{ token: string }>(h, cookie, 'POST', `/v1/rules/${rules[0]!.id}/preview`);
    const v = await visitor(h, undefined, { preview: link.body.token });
    await h.clock.advance(30_000);
    const { invitation } = await v.next('invitation.show');
    v.send({ type: 'invitation.accept', invitationId: invitation.id });
    await v.next('invitation.closed');
    expect(await counts()).toEqual({ funnel: none, supervisor: noneShown });
    await v.close();
  });
});
