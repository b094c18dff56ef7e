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
beforeEach(async () => {
  h = await startHarness();
  admin = await login(h.url, 'admin@beckon.local', password);
});
afterEach(async () => {
  await h.close();
});

/**
 * Many visitors start chats at once while the agents are full, then room opens and two nodes on the same
 * database run assignment cycles for every waiting chat at the same moment: the cycles interleave (on a node and
 * across nodes), each reading the agents' free capacity before the others write. The store's per-agent capacity
 * check has to hold anyway.
 */
async function burst(autoAssign: boolean) {
  const agent1 = await userIdOf(h, 'agent@beckon.local');
  const agent2 = await userIdOf(h, 'agent2@beckon.local');
  const queue = await api<QueueDetail>(h, admin, 'POST', '/v1/queues', {
    name: 'Rush',
    autoAssign,
    memberIds: [agent1, agent2],
  });
  await api(h, admin, 'PATCH', `/v1/widgets/${h.demoWidgetId}`, { queueId: queue.body.id });
  for (const id of [agent1, agent2]) {
    expect((await api(h, admin, 'PATCH', `/v1/users/${id}`, { capacity: 0 })).status).toBe(200);
  }
  const agents = [await agent(h), await agent(h, 'agent2@beckon.local')];
  const visitors = await Promise.all(Array.from({ length: 16 }, () => visitor(h)));
  for (const v of visitors) v.send({ type: 'chat.start' });
  // A socket's frames are handled in order: the pong comes after its chat.start was routed (to nobody).
  for (const v of visitors) v.send({ type: 'ping' });
  await Promise.all(visitors.map((v) => v.next('pong')));
  const store = h.node.store;
  const waiting = await store.listWaitingConversations(queue.body.id);
  expect(waiting).toHaveLength(16);

  await store.setUserCapacity(agent1, 2);
  await store.setUserCapacity(agent2, 3);
  // A second node: its own locks and bus, the same database.
  const other = createServices({
    store,
    bus: new MemoryBus({ onHandlerError: () => {} }),
    clock: h.clock,
    ids: new RandomIds(),
    geo: h.node.services.geo,
    onDeadlineError: () => {},
  });
  await Promise.all(
    waiting.flatMap((c) => [h.node.services.routing.dispatch(c.id), other.routing.dispatch(c.id)]),
  );

  const load = async (id: string) =>
    (await store.listAgentConversations(id, ['active'])).length +
    (await store.listPendingOffersForAgent(id)).length;
  // Both agents are filled exactly to capacity, never beyond.
  expect({ agent1: await load(agent1), agent2: await load(agent2) }).toEqual({ agent1: 2, agent2: 3 });
  if (autoAssign) expect(await store.listWaitingConversations(queue.body.id)).toHaveLength(11);
  await Promise.all([...agents, ...visitors].map((socket) => socket.close()));
}

describe('capacity under a burst of chats', () => {
  it('offers: no agent holds more pending offers and chats than its capacity', async () => {
    await burst(false);
  });

  it('auto-assign: no agent is given more chats than its capacity', async () => {
    await burst(true);
  });
});
