import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { QueueDetail } from '@beckon/protocol';
import { FakeClock, login } from '@beckon/test-kit';
import { pino } from 'pino';
import { afterAll, expect, it } from 'vitest';
import { createBeckon } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { api, userIdOf } from '../test/api.ts';
import { agent, type Harness, password, visitor } from '../test/harness.ts';
import { createTestDatabase, testRedisPrefix, testRedisUrl } from './services.ts';

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

async function startNode(databaseUrl: string, clock: FakeClock, prefix: string): Promise<Harness> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'beckon-scale-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    REDIS_URL: testRedisUrl,
    BECKON_REDIS_PREFIX: prefix,
    BECKON_DEMO_PASSWORD: password,
  });
  const node = await createBeckon({ config, clock, logger: pino({ level: 'silent' }) });
  const { port, url } = await node.listen();
  const widget = await node.store.getWidgetByKey('demo');
  // The seed makes the demo agent Available; these tests set every agent's presence themselves.
  const demoAgent = await node.store.findUserByEmail('agent@beckon.local');
  if (demoAgent) await node.store.setPresence(demoAgent.id, 'offline', clock.now());
  const harness: Harness = {
    node,
    clock,
    url: `http://127.0.0.1:${port}`,
    origin: url,
    wsUrl: `ws://127.0.0.1:${port}`,
    demoWidgetId: widget!.id,
    async close() {
      await node.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  cleanup.push(() => harness.close());
  return harness;
}

it('60 chats starting at once across three nodes never take an agent past its capacity', async () => {
  const database = await createTestDatabase();
  cleanup.push(() => database.drop());
  const clock = new FakeClock(Date.UTC(2026, 10, 24, 10, 0, 0));
  const prefix = testRedisPrefix();
  // The first node seeds the empty database; the others find it seeded.
  const nodes: Harness[] = [];
  for (let i = 0; i < 3; i++) nodes.push(await startNode(database.url, clock, prefix));
  const h = nodes[0]!;
  const admin = await login(h.url, 'admin@beckon.local', password);
  const agent1 = await userIdOf(h, 'agent@beckon.local');
  const agent2 = await userIdOf(h, 'agent2@beckon.local');
  const queue = await api<QueueDetail>(h, admin, 'POST', '/v1/queues', {
    name: 'Rush',
    memberIds: [agent1, agent2],
  });
  await api(h, admin, 'PATCH', `/v1/widgets/${h.demoWidgetId}`, { queueId: queue.body.id });
  await api(h, admin, 'PATCH', `/v1/users/${agent1}`, { capacity: 2 });
  await api(h, admin, 'PATCH', `/v1/users/${agent2}`, { capacity: 3 });
  const agents = [await agent(nodes[1]!), await agent(nodes[2]!, 'agent2@beckon.local')];

  // The demo widget allows the first node's origin; visitors connect to all three with it.
  const visitors = await Promise.all(
    Array.from({ length: 60 }, (_, i) => visitor({ ...nodes[i % 3]!, origin: h.origin })),
  );
  for (const v of visitors) v.send({ type: 'chat.start' });
  // A socket's frames are handled in order: the pong comes after its chat.start was routed. Sixty starts
  // contend for the same agents' locks across three nodes; on a loaded machine that takes seconds, and what this
  // test checks is the capacity, not the speed.
  for (const v of visitors) v.send({ type: 'ping' });
  await Promise.all(visitors.map((v) => v.next('pong', () => true, 20_000)));

  const store = h.node.store;
  const load = async (id: string) =>
    (await store.listAgentConversations(id, ['active'])).length +
    (await store.listPendingOffersForAgent(id)).length;
  expect({ agent1: await load(agent1), agent2: await load(agent2) }).toEqual({ agent1: 2, agent2: 3 });
  await Promise.all([...agents, ...visitors].map((socket) => socket.close()));
});
