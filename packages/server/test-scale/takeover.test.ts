import type { VisitorServerFrame } from '@beckon/protocol';
import type { TestSocket } from '@beckon/test-kit';
import { describe, expect, it, vi } from 'vitest';
import { agent, visitor } from '../test/harness.ts';
import { useFakeClockCluster } from './fake-clock-cluster.ts';

/**
 * Nodes that die without cleaning up. Each node has its own fake clock, so a node whose clock stops has stopped
 * beating and running its timers, exactly as a killed process has; its sockets may stay open (a half-dead node
 * or an unnoticed TCP drop). The survivors' clocks move on, and their sweeps must take over what the dead node
 * owned: its deadlines and its agents.
 */
const t0 = Date.UTC(2026, 10, 24, 10, 0, 0);
const { startNode, runFor, query } = useFakeClockCluster(t0);

/** Agents with a console socket recorded on some node. */
async function connectedAgents(): Promise<string[]> {
  const rows = await query<{ user_id: string }>('SELECT DISTINCT user_id FROM agent_connections');
  return rows.map((row) => row.user_id);
}

describe('takeover after a node dies without cleanup', () => {
  it("expires the dead node's invitation once, from one of two surviving nodes", async () => {
    const a = await startNode();
    const b = await startNode();
    const c = await startNode();
    // No agent is online here: the invitation must go out all the same, so the "someone can answer" gate is off.
    const widget = await a.node.store.getWidgetByKey('demo');
    if (widget) await a.node.store.updateWidget({ ...widget, inviteOnlyWhenAnswerable: false });
    const v: TestSocket<VisitorServerFrame> = await visitor(a);
    const visitorId = v.all('welcome')[0]?.visitorId ?? '';
    await vi.waitFor(() => expect(a.node.services.proactive.pendingCheck(visitorId)).toBeDefined());
    await a.clock.advance(30_000);
    const { invitation } = await v.next('invitation.show');
    // A armed the 60 s expiry on its own clock; it now dies: its clock never moves again.

    await Promise.all([runFor(b, 95_000), runFor(c, 95_000)]);
    const closed = await v.next('invitation.closed');
    expect(closed).toMatchObject({ invitationId: invitation.id, reason: 'expired' });
    expect((await b.node.store.getInvitation(invitation.id))?.status).toBe('expired');
    // Both survivors swept past the deadline; only the winner of the conditional write told the visitor.
    await b.clock.advance(10_000);
    expect(v.all('invitation.closed')).toHaveLength(1);
    await v.close();
  });

  it("times out the dead node's offer and re-offers the conversation, once", async () => {
    const a = await startNode();
    const b = await startNode();
    const second = await agent(b, 'agent2@beckon.local', 'offline');
    const first = await agent(b, 'agent@beckon.local');
    const v = await visitor(a);
    v.send({ type: 'chat.start' });
    // A dispatched the offer, so its 120 s deadline is on A's clock; both agents are on the live node B.
    const { offer } = await first.next('offer.new');
    second.send({ type: 'presence.set', status: 'available' });
    await second.next('presence', (f) => f.status === 'available');
    expect(second.all('offer.new')).toHaveLength(0);

    await runFor(b, 125_000);
    expect(await first.next('offer.closed')).toMatchObject({ offerId: offer.id, reason: 'expired' });
    const { offer: again } = await second.next('offer.new');
    expect(again.conversationId).toBe(offer.conversationId);
    const offers = await b.node.store.listOffersForConversation(offer.conversationId);
    expect(offers.map((o) => [o.id, o.status]).sort()).toEqual(
      [
        [offer.id, 'expired'],
        [again.id, 'pending'],
      ].sort(),
    );
    expect(first.all('offer.closed')).toHaveLength(1);
    await Promise.all([first.close(), second.close(), v.close()]);
  });

  it("takes a dead node's agents offline and hands their offers on, until they reconnect", async () => {
    const a = await startNode();
    const b = await startNode();
    const onB = await agent(b, 'agent2@beckon.local', 'offline');
    const onA = await agent(a, 'agent@beckon.local');
    const agentId = onA.all('agent.state')[0]?.agent.id ?? '';
    const v = await visitor(b);
    v.send({ type: 'chat.start' });
    // B dispatched the offer (its deadline is B's, 120 s away); the agent's socket is on A.
    const { offer } = await onA.next('offer.new');
    onB.send({ type: 'presence.set', status: 'available' });
    await onB.next('presence', (f) => f.status === 'available');

    // Within the TTL nothing happens: A might only be slow.
    await runFor(b, 10_000);
    expect(await b.node.store.getPresence(agentId)).toBe('available');
    // Past the 15 s TTL A is dead: its agent goes offline and the offer goes to the agent on B.
    await runFor(b, 10_000);
    expect(await b.node.store.getPresence(agentId)).toBe('offline');
    const { offer: again } = await onB.next('offer.new');
    expect(again.conversationId).toBe(offer.conversationId);
    expect((await b.node.store.getOffer(offer.id))?.status).toBe('withdrawn');
    expect(await connectedAgents()).not.toContain(agentId);

    // The agent reconnects to B: their socket counts again, and they are offered work once available.
    const back = await agent(b, 'agent@beckon.local');
    expect(await connectedAgents()).toContain(agentId);
    expect(await b.node.store.getPresence(agentId)).toBe('available');
    await Promise.all([onA.close(), onB.close(), back.close(), v.close()]);
  });
});

describe('a node that was stalled itself', () => {
  it('does not judge others dead until its own beats are regular again', async () => {
    const a = await startNode();
    const b = await startNode();
    const onA = await agent(a, 'agent@beckon.local');
    const agentId = onA.all('agent.state')[0]?.agent.id ?? '';
    // B stalls for a minute (a long pause): every heartbeat, its own too, looks old. A stall, not a minute of
    // running: with the timers firing on time (advance) B would beat steadily through it, as fast as its store
    // answers, and rightly judge A dead.
    await b.clock.jump(60_000);
    await b.node.sweep();
    expect(await b.node.store.getPresence(agentId)).toBe('available');
    // Once B beats regularly again, A — whose clock really stopped — is judged dead. The beat that was under way
    // when the clock jumped recorded a time from inside the pause, so it takes three regular beats (the sweep of
    // the second may read the beats before that beat's write returns) before B trusts its own cadence.
    await runFor(b, 15_000);
    expect(await b.node.store.getPresence(agentId)).toBe('offline');
    await onA.close();
  });
});

describe('readiness and resuming on another node', () => {
  it('/readyz turns 503 when the node loses Redis, while /healthz stays 200', async () => {
    const a = await startNode();
    const ready = await a.node.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.json()).toEqual({ status: 'ready' });
    await a.node.services.bus.close();
    const notReady = await a.node.app.inject({ method: 'GET', url: '/readyz' });
    expect({ status: notReady.statusCode, body: notReady.json() }).toEqual({
      status: 503,
      body: { status: 'bus-unreachable' },
    });
    expect((await a.node.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('an agent whose node goes away syncs on another node from its last seq', async () => {
    const a = await startNode();
    const b = await startNode();
    const first = await agent(a, 'agent@beckon.local');
    const v = await visitor(b);
    v.send({ type: 'chat.start' });
    const { offer } = await first.next('offer.new');
    first.send({ type: 'offer.accept', offerId: offer.id });
    const { conversation } = await first.next('conversation.opened');
    v.send({ type: 'message.send', clientMsgId: 'v1', text: 'one' });
    const seen = await first.next('message', (f) => f.message.text === 'one');
    await first.close();

    v.send({ type: 'message.send', clientMsgId: 'v2', text: 'two' });
    v.send({ type: 'message.send', clientMsgId: 'v3', text: 'three' });
    await v.next('message.ack');
    await v.next('message.ack');
    await v.next('message.ack');
    const again = await agent(b, 'agent@beckon.local');
    const state = again.all('agent.state')[0];
    expect(state?.conversations.map((c) => c.id)).toContain(conversation.id);
    again.send({ type: 'conversation.sync', conversationId: conversation.id, afterSeq: seen.message.seq });
    const { messages } = await again.next('messages');
    expect(messages.map((m) => m.text)).toEqual(['two', 'three']);
    expect(messages[0]?.seq).toBe(seen.message.seq + 1);
    await Promise.all([again.close(), v.close()]);
  });
});
