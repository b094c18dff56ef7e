import { type AgentServerFrame, closeCodes, type VisitorServerFrame } from '@beckon/protocol';
import { FakeClock, login, samplePdf, type TestSocket, visitorSecrets } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PostgresStore } from '../src/adapters/postgres/postgres-store.ts';
import { agent, type Harness, password, visitor } from '../test/harness.ts';
import { SharedClockNodes } from './shared-clock-nodes.ts';

/**
 * Two nodes in one process sharing one PostgreSQL database and one Redis prefix, selected by configuration
 * alone (DATABASE_URL, REDIS_URL), as in production. They share a fake clock so deadlines stay instant; every
 * frame between a visitor on one node and an agent on the other crosses Redis.
 */
let nodes: SharedClockNodes;
let nodeA: Harness;
let nodeB: Harness;

beforeEach(async () => {
  nodes = await SharedClockNodes.create(new FakeClock(Date.UTC(2026, 10, 24, 10, 0, 0)));
  // A first: it migrates and seeds the empty database; B then finds it seeded and only migrates (a no-op).
  nodeA = await nodes.start();
  nodeB = await nodes.start();
});

afterEach(async () => {
  await nodes?.close();
});

/** The visitor on A stays 30 s on the pricing page, gets the invitation from A and accepts it. */
async function acceptedInvitation(v: TestSocket<VisitorServerFrame>): Promise<string> {
  // The rule check is armed after `welcome` once A has read the rules; advancing earlier would skip it.
  const visitorId = v.all('welcome')[0]?.visitorId ?? '';
  await vi.waitFor(() => expect(nodeA.node.services.proactive.pendingCheck(visitorId)).toBeDefined());
  await nodeA.clock.advance(30_000);
  const { invitation } = await v.next('invitation.show');
  v.send({ type: 'invitation.accept', invitationId: invitation.id });
  return (await v.next('conversation.update')).conversation.id;
}

/** A visitor on A and the agent on B in an active conversation. */
async function chatAcrossNodes() {
  const a: TestSocket<AgentServerFrame> = await agent(nodeB);
  const v = await visitor(nodeA);
  const conversationId = await acceptedInvitation(v);
  const { offer } = await a.next('offer.new');
  expect(offer.conversationId).toBe(conversationId);
  a.send({ type: 'offer.accept', offerId: offer.id });
  expect((await a.next('conversation.opened')).conversation.status).toBe('active');
  await v.next('conversation.update', (f) => f.conversation.status === 'active');
  return { a, v, conversationId };
}

// Forty messages through two nodes and PostgreSQL can take more than waitFor's default second on a loaded machine.
const relayWait = { timeout: 15_000, interval: 50 };

describe('two nodes on PostgreSQL + Redis', () => {
  it('runs on PostgreSQL by configuration alone, and seeds once', async () => {
    expect(nodeA.node.store).toBeInstanceOf(PostgresStore);
    expect(nodeB.demoWidgetId).toBe(nodeA.demoWidgetId);
    expect(await nodeB.node.store.listUsers()).toEqual(await nodeA.node.store.listUsers());
  });

  it('a visitor on A and an agent on B: invitation, offer, acceptance and messages both ways', async () => {
    const { a, v, conversationId } = await chatAcrossNodes();

    v.send({ type: 'message.send', clientMsgId: 'v1', text: 'Hello from node A' });
    const ack = await v.next('message.ack');
    const atAgent = await a.next('message', (f) => f.message.author === 'visitor');
    expect(atAgent.message).toMatchObject({ text: 'Hello from node A', seq: ack.seq });

    a.send({ type: 'message.send', conversationId, clientMsgId: 'a1', text: 'Hello from node B' });
    const agentAck = await a.next('message.ack');
    const atVisitor = await v.next('message', (f) => f.message.author === 'agent');
    expect(atVisitor.message).toMatchObject({ text: 'Hello from node B', seq: agentAck.seq });

    const stored = await nodeA.node.store.listMessages(conversationId, 0);
    expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
    await Promise.all([a.close(), v.close()]);
  });

  it('messages sent at once from both sides get gapless seqs and reach each side in order', async () => {
    const { a, v, conversationId } = await chatAcrossNodes();
    // What the conversation held before (the invitation, join lines) each side got in its opening frames.
    const before = (await nodeB.node.store.listMessages(conversationId, 0)).length;
    const count = 20;
    for (let i = 0; i < count; i++) {
      v.send({ type: 'message.send', clientMsgId: `v${i}`, text: `visitor ${i}` });
      a.send({ type: 'message.send', conversationId, clientMsgId: `a${i}`, text: `agent ${i}` });
    }

    const stored = await vi.waitFor(async () => {
      const rows = await nodeB.node.store.listMessages(conversationId, 0);
      // Only what the two sides typed: the accepted invitation (bot) and join lines (system) come on top.
      expect(rows.filter((m) => m.author === 'visitor' || m.author === 'agent')).toHaveLength(2 * count);
      return rows;
    }, relayWait);
    expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
    const storedSeqs = stored.map((m) => m.seq).filter((seq) => seq > before);
    // Each side learns every message of the conversation exactly once, whichever node stored it: its own from
    // their acks, the rest as `message` frames (the sending tab gets no copy of its own). Frames published by
    // different nodes may interleave out of seq order (Redis orders per publisher only); clients order by seq.
    for (const socket of [v, a] as TestSocket<VisitorServerFrame | AgentServerFrame>[]) {
      const seen = () =>
        [
          ...socket.all('message').map((f) => f.message.seq),
          ...socket.all('message.ack').map((f) => f.seq),
        ].filter((seq) => seq > before);
      await vi.waitFor(() => expect(seen().length).toBeGreaterThanOrEqual(storedSeqs.length), relayWait);
      expect(seen().sort((x, y) => x - y)).toEqual(storedSeqs);
    }
    // One sender's messages are stored and fanned out by one node, so they arrive in the order sent.
    const agentSeen = a.all('message').filter((f) => f.message.author === 'visitor');
    expect(agentSeen.map((f) => f.message.text)).toEqual(
      Array.from({ length: count }, (_, i) => `visitor ${i}`),
    );
    const visitorSeen = v.all('message').filter((f) => f.message.author === 'agent');
    expect(visitorSeen.map((f) => f.message.text)).toEqual(
      Array.from({ length: count }, (_, i) => `agent ${i}`),
    );
    await Promise.all([a.close(), v.close()]);
  });

  it('a visitor reconnecting to the other node resumes from its last seq', async () => {
    const { a, v, conversationId } = await chatAcrossNodes();
    const joined = await v.next('message', (f) => f.message.author === 'system');
    const visitorId = v.all('welcome')[0]?.visitorId;
    await v.close();
    a.send({ type: 'message.send', conversationId, clientMsgId: 'a2', text: 'Are you still there?' });
    await a.next('message.ack');

    // Behind a load balancer the page's origin stays the same whichever node answers; the demo seed allowed A's.
    const viaB = { ...nodeB, origin: nodeA.origin };
    const again = await visitor(viaB, undefined, { visitorId, lastSeq: joined.message.seq });
    const welcome = again.all('welcome')[0];
    expect(welcome?.conversation?.status).toBe('active');
    expect(welcome?.messages.map((m) => m.text)).toEqual(['Are you still there?']);

    a.send({ type: 'message.send', conversationId, clientMsgId: 'a3', text: 'Welcome back' });
    expect((await again.next('message', (f) => f.message.author === 'agent')).message.text).toBe(
      'Welcome back',
    );
    await Promise.all([a.close(), again.close()]);
  });
  it('an offer timing out on A is re-offered to the agent on B, once; the late accept on A is refused', async () => {
    const onA = await agent(nodeA, 'agent@beckon.local');
    const onB = await agent(nodeB, 'agent2@beckon.local');
    const v = await visitor(nodeA);
    await acceptedInvitation(v);
    await vi.waitFor(() => expect(onA.all('offer.new').length + onB.all('offer.new').length).toBe(1));
    const [first, second] = onA.all('offer.new').length ? [onA, onB] : [onB, onA];
    const { offer } = await first.next('offer.new');

    // The offer's 120 s deadline lives in A, the node that dispatched it.
    await nodeA.clock.advance(120_000);
    expect(await first.next('offer.closed')).toMatchObject({ offerId: offer.id, reason: 'expired' });
    const { offer: again } = await second.next('offer.new');
    second.send({ type: 'offer.accept', offerId: again.id });
    await second.next('conversation.opened');
    first.send({ type: 'offer.accept', offerId: offer.id });
    expect((await first.next('error')).code).toBe('OFFER_CLOSED');

    const offers = await nodeB.node.store.listOffersForConversation(offer.conversationId);
    expect(offers.map((o) => o.status).sort()).toEqual(['accepted', 'expired']);
    await Promise.all([onA.close(), onB.close(), v.close()]);
  });

  it("one agent's tabs on both nodes see the same presence and offers", async () => {
    const tabB = await agent(nodeB, 'agent@beckon.local');
    const tabA = await agent(nodeA, 'agent@beckon.local');
    // tabA's presence.set reached tabB through Redis.
    await tabB.next('presence', (f) => f.status === 'available');
    tabB.send({ type: 'presence.set', status: 'busy' });
    expect((await tabA.next('presence', (f) => f.status === 'busy')).status).toBe('busy');
    tabA.send({ type: 'presence.set', status: 'available' });
    await tabB.next('presence', (f) => f.status === 'available');

    const v = await visitor(nodeA);
    const conversationId = await acceptedInvitation(v);
    const [atA, atB] = await Promise.all([tabA.next('offer.new'), tabB.next('offer.new')]);
    expect(atA.offer.id).toBe(atB.offer.id);
    expect(atA.offer.conversationId).toBe(conversationId);
    await Promise.all([tabA.close(), tabB.close(), v.close()]);
  });

  it('switching the widget off on B closes the visitor socket on A with notAllowed', async () => {
    const onA = await visitor(nodeA);
    const admin = await login(nodeB.url, 'admin@beckon.local', password);
    const response = await fetch(`${nodeB.url}/v1/widgets/${nodeB.demoWidgetId}`, {
      method: 'PATCH',
      headers: { cookie: admin, origin: nodeB.url, 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    });
    expect(response.status).toBe(200);
    expect((await onA.closed).code).toBe(closeCodes.notAllowed);
  });

  it('a file the agent sends through B is served by A, to the visitor and to staff', async () => {
    const { a, v, conversationId } = await chatAcrossNodes();
    const cookie = await login(nodeB.url, 'agent@beckon.local', password);
    const pdf = samplePdf();
    const sent = await fetch(`${nodeB.url}/v1/conversations/${conversationId}/files`, {
      method: 'POST',
      headers: {
        cookie,
        origin: nodeB.url,
        'beckon-file-name': 'quote.pdf',
        'idempotency-key': 'q-1',
        'content-type': 'application/octet-stream',
      },
      body: pdf,
    });
    expect(sent.status).toBe(201);
    const { file } = (await sent.json()) as { file: { id: string } };
    // The visitor on A is told through Redis, and A serves the bytes B stored in PostgreSQL.
    const announced = await v.next('message', (f) => f.message.attachment?.id === file.id);
    expect(announced.message.text).toMatch(/^📎 quote\.pdf/);
    const visitorId = v.all('welcome')[0]!.visitorId;
    const secret = visitorSecrets.get(visitorId);
    const onA = await fetch(`${nodeA.url}/v1/visitor/files/${file.id}?key=demo`, {
      headers: { authorization: `Bearer ${visitorId}.${secret}` },
    });
    expect(onA.status).toBe(200);
    expect(Buffer.from(await onA.arrayBuffer())).toEqual(pdf);
    const staffOnA = await fetch(`${nodeA.url}/v1/files/${file.id}`, { headers: { cookie } });
    expect(staffOnA.status).toBe(200);
    await Promise.all([a.close(), v.close()]);
  });
});
