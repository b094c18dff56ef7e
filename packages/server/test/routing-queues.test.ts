// Over 300 lines: every queue setting (assignment methods, deadlines, positions) exercised on one node.
import type { QueueDetail } from '@beckon/protocol';
import { login } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RandomIds } from '../src/adapters/ids/random-ids.ts';
import { MemoryBus } from '../src/adapters/memory-bus/memory-bus.ts';
import { createServices } from '../src/domain/services.ts';
import { api, userIdOf } from './api.ts';
import { agent, type Harness, password, startHarness, visitor } from './harness.ts';

let h: Harness;
let admin: string;
let ids: { agent1: string; agent2: string; admin: string };
beforeEach(async () => {
  h = await startHarness();
  admin = await login(h.url, 'admin@beckon.local', password);
  ids = {
    agent1: await userIdOf(h, 'agent@beckon.local'),
    agent2: await userIdOf(h, 'agent2@beckon.local'),
    admin: await userIdOf(h, 'admin@beckon.local'),
  };
});
afterEach(async () => {
  await h.close();
});

/** Creates a queue over HTTP and points the demo widget at it. */
async function routeDemoTo(body: Record<string, unknown>): Promise<QueueDetail> {
  const created = await api<QueueDetail>(h, admin, 'POST', '/v1/queues', { name: 'Sales', ...body });
  expect(created.status).toBe(201);
  await api(h, admin, 'PATCH', `/v1/widgets/${h.demoWidgetId}`, { queueId: created.body.id });
  return created.body;
}

async function waitingVisitor() {
  await h.clock.advance(1000);
  const v = await visitor(h);
  v.send({ type: 'chat.start' });
  const { conversation } = await v.next('conversation.update', (f) => f.conversation.status === 'waiting');
  await v.next('queue.position');
  return { v, conversationId: conversation.id };
}

type AgentSocket = Awaited<ReturnType<typeof agent>>;

/** Which of the agents gets the conversation's offer, and the offer. */
async function offerAmong(sockets: Record<string, AgentSocket>, conversationId: string) {
  return Promise.race(
    Object.entries(sockets).map(async ([name, socket]) => {
      const { offer } = await socket.next('offer.new', (f) => f.offer.conversationId === conversationId);
      return { name, socket, offer };
    }),
  );
}

/** Waits for the offer and accepts it; answers who got it. */
async function acceptAmong(sockets: Record<string, AgentSocket>, conversationId: string) {
  const { name, socket, offer } = await offerAmong(sockets, conversationId);
  socket.send({ type: 'offer.accept', offerId: offer.id });
  await socket.next('conversation.opened', (f) => f.conversation.id === conversationId);
  return name;
}

async function setCapacity(userId: string, capacity: number) {
  expect((await api(h, admin, 'PATCH', `/v1/users/${userId}`, { capacity })).status).toBe(200);
}

describe('queue administration', () => {
  it('admins create, list, change and delete queues; other roles only read', async () => {
    const created = await api<QueueDetail>(h, admin, 'POST', '/v1/queues', {
      name: ' Billing ',
      assignmentMethod: 'round-robin',
      offerTimeoutSeconds: 30,
      memberIds: [ids.agent1],
    });
    expect(created).toMatchObject({
      status: 201,
      body: { name: 'Billing', assignmentMethod: 'round-robin', offerTimeoutSeconds: 30, autoAssign: false },
    });
    expect(created.body.memberIds).toEqual([ids.agent1]);
    const id = created.body.id;
    const listed = await api<{ queues: QueueDetail[] }>(h, admin, 'GET', '/v1/queues');
    expect(listed.body.queues.map((q) => q.name).sort()).toEqual(['Billing', 'Support']);

    const patched = await api<QueueDetail>(h, admin, 'PATCH', `/v1/queues/${id}`, {
      offerTimeoutSeconds: null,
      autoAssign: true,
      memberIds: [ids.agent2, ids.admin],
    });
    expect(patched.body).toMatchObject({ autoAssign: true, assignmentMethod: 'round-robin' });
    expect(patched.body.offerTimeoutSeconds).toBeUndefined();
    expect([...patched.body.memberIds].sort()).toEqual([ids.agent2, ids.admin].sort());

    const agentCookie = await login(h.url, 'agent@beckon.local', password);
    expect((await api(h, agentCookie, 'GET', `/v1/queues/${id}`)).status).toBe(200);
    expect((await api(h, agentCookie, 'POST', '/v1/queues', { name: 'Mine' })).body.error?.code).toBe(
      'FORBIDDEN',
    );
    expect((await api(h, agentCookie, 'DELETE', `/v1/queues/${id}`)).status).toBe(403);
    expect((await api(h, admin, 'POST', '/v1/queues', { name: '' })).body.error?.code).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      (await api(h, admin, 'POST', '/v1/queues', { name: 'X', assignmentMethod: 'lottery' })).status,
    ).toBe(400);
    expect((await api(h, admin, 'POST', '/v1/queues', { name: 'X', memberIds: ['usr_nobody'] })).status).toBe(
      400,
    );
    expect((await api(h, admin, 'PATCH', '/v1/queues/que_missing', { name: 'X' })).status).toBe(404);

    // A queue a widget routes to cannot go; once the widget moves, it can.
    const support = listed.body.queues.find((q) => q.name === 'Support')!;
    expect((await api(h, admin, 'DELETE', `/v1/queues/${support.id}`)).body.error?.code).toBe('CONFLICT');
    expect((await api(h, admin, 'DELETE', `/v1/queues/${id}`)).status).toBe(204);
    expect((await api(h, admin, 'GET', `/v1/queues/${id}`)).status).toBe(404);
  });

  it('a rule may route its chats to another queue', async () => {
    const sales = await api<QueueDetail>(h, admin, 'POST', '/v1/queues', { name: 'Sales' });
    const rule = await api<{ id: string; queueId?: string }>(
      h,
      admin,
      'POST',
      `/v1/widgets/${h.demoWidgetId}/rules`,
      {
        name: 'Pricing to sales',
        priority: 10_000,
        conditions: { type: 'all', conditions: [] },
        message: { text: 'Questions about plans?' },
        queueId: sales.body.id,
      },
    );
    expect(rule.status).toBe(201);
    expect(rule.body.queueId).toBe(sales.body.id);
    const missing = await api(h, admin, 'POST', `/v1/widgets/${h.demoWidgetId}/rules`, {
      name: 'Bad',
      conditions: { type: 'all', conditions: [] },
      message: { text: 'Hi' },
      queueId: 'que_missing',
    });
    expect(missing.body.error?.code).toBe('VALIDATION_FAILED');

    const v = await visitor(h);
    const { invitation } = await v.next(
      'invitation.show',
      (f) => f.invitation.message === 'Questions about plans?',
    );
    v.send({ type: 'invitation.accept', invitationId: invitation.id });
    const { conversation } = await v.next('conversation.update', (f) => f.conversation.status === 'waiting');
    expect((await h.node.store.getConversation(conversation.id))?.queueId).toBe(sales.body.id);
    await v.close();
  });
});

describe('assignment methods', () => {
  it('most-free (default) offers to the agent with the most free capacity', async () => {
    await routeDemoTo({ memberIds: [ids.agent1, ids.agent2] });
    await setCapacity(ids.agent1, 2);
    await setCapacity(ids.agent2, 5);
    const a1 = await agent(h);
    const a2 = await agent(h, 'agent2@beckon.local');
    const first = await waitingVisitor();
    expect((await a2.next('offer.new')).offer.conversationId).toBe(first.conversationId);
    expect(a1.all('offer.new')).toHaveLength(0);
    await Promise.all([a1.close(), a2.close(), first.v.close()]);
  });

  it('most-free breaks ties by round robin: equal agents take turns', async () => {
    await routeDemoTo({ memberIds: [ids.agent1, ids.agent2] });
    const a1 = await agent(h);
    const a2 = await agent(h, 'agent2@beckon.local');
    const visitors = [];
    const receivers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const w = await waitingVisitor();
      visitors.push(w);
      // Accept each at once so both agents have equal load again after every second conversation.
      receivers.push(await acceptAmong({ a1, a2 }, w.conversationId));
    }
    // Loads are equal after each pair, so the pairs alternate between the two agents.
    expect(new Set(receivers.slice(0, 2)).size).toBe(2);
    expect(new Set(receivers.slice(2, 4)).size).toBe(2);
    await Promise.all([a1.close(), a2.close(), ...visitors.map((w) => w.v.close())]);
  });

  it('round-robin rotates whatever the load, and skips agents at capacity', async () => {
    await routeDemoTo({ assignmentMethod: 'round-robin', memberIds: [ids.agent1, ids.agent2] });
    await setCapacity(ids.agent1, 1);
    await setCapacity(ids.agent2, 10);
    const a1 = await agent(h);
    const a2 = await agent(h, 'agent2@beckon.local');
    const got: string[] = [];
    const visitors = [];
    for (let i = 0; i < 3; i++) {
      const w = await waitingVisitor();
      visitors.push(w);
      got.push(await acceptAmong({ a1, a2 }, w.conversationId));
    }
    // Neither has been offered anything: id order decides the first; then the other; then a1 is full (1/1).
    const firstId = ids.agent1.localeCompare(ids.agent2) < 0 ? 'a1' : 'a2';
    expect(got[0]).toBe(firstId);
    expect(got[1]).not.toBe(got[0]);
    expect(got[2]).toBe('a2');
    await Promise.all([a1.close(), a2.close(), ...visitors.map((w) => w.v.close())]);
  });

  it('round-robin gives a loaded agent their turn where most-free would not', async () => {
    await routeDemoTo({ assignmentMethod: 'round-robin', memberIds: [ids.agent1, ids.agent2] });
    // most-free would give all four to agent 1 (10, 9, 8, 7 free against 3).
    await setCapacity(ids.agent1, 10);
    await setCapacity(ids.agent2, 3);
    const a1 = await agent(h);
    const a2 = await agent(h, 'agent2@beckon.local');
    const got: string[] = [];
    const visitors = [];
    for (let i = 0; i < 4; i++) {
      const w = await waitingVisitor();
      visitors.push(w);
      // Nobody accepts: offers stay pending, so loads diverge only through the rotation itself.
      got.push((await offerAmong({ a1, a2 }, w.conversationId)).name);
    }
    expect(got[0]).not.toBe(got[1]);
    expect(got.slice(0, 2)).toEqual(got.slice(2, 4));
    await Promise.all([a1.close(), a2.close(), ...visitors.map((w) => w.v.close())]);
  });

  it('the queue offer deadline applies, and clearing it falls back to the widget one', async () => {
    const queue = await routeDemoTo({ offerTimeoutSeconds: 30, memberIds: [ids.agent1] });
    const a1 = await agent(h);
    const first = await waitingVisitor();
    const { offer } = await offerAmong({ a1 }, first.conversationId);
    expect(offer.expiresAt - offer.createdAt).toBe(30_000);
    await h.clock.advance(29_000);
    expect(a1.all('offer.closed')).toHaveLength(0);
    await h.clock.advance(1000);
    expect((await a1.next('offer.closed')).reason).toBe('expired');
    await api(h, admin, 'PATCH', `/v1/queues/${queue.id}`, { offerTimeoutSeconds: null });
    const second = await waitingVisitor();
    const next = await a1.next('offer.new', (f) => f.offer.conversationId === second.conversationId);
    expect(next.offer.expiresAt - next.offer.createdAt).toBe(120_000);
    await Promise.all([a1.close(), first.v.close(), second.v.close()]);
  });

  it('auto-assign opens the conversation for the agent without an offer', async () => {
    await routeDemoTo({ autoAssign: true, memberIds: [ids.agent1] });
    const a1 = await agent(h);
    const v = await visitor(h);
    v.send({ type: 'chat.start' });
    const opened = await a1.next('conversation.opened');
    const w = { v, conversationId: opened.conversation.id };
    expect(a1.all('offer.new')).toHaveLength(0);
    const update = await v.next('conversation.update', (f) => f.conversation.status === 'active');
    expect(update.conversation).toMatchObject({ id: w.conversationId, agentName: 'Alex Agent' });
    expect((await h.node.store.getConversation(w.conversationId))?.agentId).toBe(ids.agent1);
    await Promise.all([a1.close(), w.v.close()]);
  });

  it('FIFO: when an agent joins the queue, the oldest waiting conversation is offered first', async () => {
    const queue = await routeDemoTo({ memberIds: [] });
    await setCapacity(ids.agent1, 1);
    const a1 = await agent(h);
    const first = await waitingVisitor();
    const second = await waitingVisitor();
    expect(a1.all('offer.new')).toHaveLength(0);
    const joined = await api<QueueDetail>(h, admin, 'PUT', `/v1/queues/${queue.id}/members/${ids.agent1}`);
    expect(joined.body.memberIds).toEqual([ids.agent1]);
    expect((await a1.next('offer.new')).offer.conversationId).toBe(first.conversationId);
    expect(a1.all('offer.new')).toHaveLength(1);
    await Promise.all([a1.close(), first.v.close(), second.v.close()]);
  });
});

describe('concurrency', () => {
  it('two nodes auto-assigning the same conversation at once: exactly one wins', async () => {
    await routeDemoTo({ autoAssign: true, memberIds: [ids.agent1, ids.agent2] });
    await h.node.store.setPresence(ids.agent1, 'available', h.clock.now());
    await h.node.store.setPresence(ids.agent2, 'available', h.clock.now());
    // A waiting conversation nobody could take yet: both agents at capacity 0.
    await setCapacity(ids.agent1, 0);
    await setCapacity(ids.agent2, 0);
    const w = await waitingVisitor();
    await h.node.store.setUserCapacity(ids.agent1, 3);
    await h.node.store.setUserCapacity(ids.agent2, 3);
    // A second node on the same database, with its own locks and bus: only the conditional write is shared.
    const other = createServices({
      store: h.node.store,
      bus: new MemoryBus({ onHandlerError: () => {} }),
      clock: h.clock,
      ids: new RandomIds(),
      geo: h.node.services.geo,
      onDeadlineError: () => {},
    });
    await Promise.all([
      h.node.services.routing.dispatch(w.conversationId),
      other.routing.dispatch(w.conversationId),
      h.node.services.routing.dispatch(w.conversationId),
      other.routing.dispatch(w.conversationId),
    ]);
    const conversation = await h.node.store.getConversation(w.conversationId);
    expect(conversation?.status).toBe('active');
    const joins = (await h.node.store.listMessages(w.conversationId, 0)).filter((m) =>
      m.text.endsWith('joined the chat.'),
    );
    expect(joins).toHaveLength(1);
    await w.v.close();
  });
});
