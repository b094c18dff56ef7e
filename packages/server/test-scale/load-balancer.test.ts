import { login } from '@beckon/test-kit';
import { afterAll, expect, it } from 'vitest';
import { createPostgresStore } from '../src/adapters/postgres/postgres-store.ts';
import { password } from '../test/harness.ts';
import { ChaosAgent, ChaosVisitor, type Counters } from './chaos/clients.ts';
import { Cluster } from './chaos/cluster.ts';
import { converse } from './chaos/conversations.ts';
import { LoadBalancer, nginxInstalled } from './chaos/load-balancer.ts';
import { verdict } from './chaos/verdict.ts';
import { createTestDatabase, testRedisPrefix, testRedisUrl } from './services.ts';
import { sleep, until } from './waiting.ts';

/**
 * Three nodes behind Debian's nginx with the documented configuration (docs/nginx/beckon.conf): visitors and
 * agents know only nginx's address. While they chat, one node is stopped as on a rolling restart (SIGTERM: it
 * drains and closes its sockets) and another is killed (SIGKILL). Clients reconnect through nginx, which sends
 * them to the node left; every message must still arrive once, in order, and be stored once.
 */
const conversations = 12;
const messagesPerSide = 10;
const origin = 'http://shop.test';

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
});

it('visitors and agents chat through nginx while one node stops and another is killed', async () => {
  if (!nginxInstalled()) throw new Error('nginx is missing: apt-get install nginx (.ci/run installs it)');
  const database = await createTestDatabase();
  cleanup.push(() => database.drop());
  const cluster = new Cluster({
    size: 3,
    databaseUrl: database.url,
    redisUrl: testRedisUrl,
    redisPrefix: testRedisPrefix(),
    password,
    publicUrl: origin,
    env: {
      // nginx on loopback is the one proxy in front: its X-Forwarded-For is believed.
      BECKON_TRUST_PROXY: 'loopback',
      BECKON_DRAIN_MS: '1000',
      BECKON_SWEEP_INTERVAL_MS: '1000',
      BECKON_NODE_TTL_MS: '5000',
    },
  });
  cleanup.push(() => cluster.stop());
  await cluster.start();
  const balancer = new LoadBalancer(cluster.ports);
  cleanup.push(() => balancer.stop());
  await balancer.start();
  const through = () => balancer.url.replace('http', 'ws');

  const store = await createPostgresStore({ url: database.url });
  for (const user of await store.listUsers()) await store.setUserCapacity(user.id, conversations);
  await store.close();

  const counters: Counters = { reconnects: 0, takenOffline: 0, redelivered: 0, resent: 0 };
  const agents: ChaosAgent[] = [];
  for (const email of ['agent@beckon.local', 'agent2@beckon.local']) {
    const agent = new ChaosAgent(through, counters, await login(balancer.url, email, password), origin);
    agents.push(agent);
    agent.connect();
  }
  const visitors = Array.from({ length: conversations }, () => new ChaosVisitor(through, counters, origin));
  cleanup.push(async () => {
    for (const client of [...visitors, ...agents]) client.stop();
  });
  await until('agents online', () => agents.every((a) => a.isOpen), 20_000);
  await sleep(500);
  for (const visitor of visitors) visitor.connect();
  await until('every conversation active', () => visitors.every((v) => v.active), 30_000);
  const agentOf = new Map<string, ChaosAgent>();
  for (const agent of agents) for (const id of agent.conversations.keys()) agentOf.set(id, agent);
  expect(agentOf.size).toBe(conversations);

  const failures = (async () => {
    await sleep(2_000);
    await cluster.terminate(0);
    await sleep(3_000);
    await cluster.kill(1);
  })();
  await converse(visitors, agentOf, messagesPerSide, [300, 1_000]);
  await failures;
  expect(cluster.readyNodes()).toEqual([2]);

  const result = await verdict(database, visitors, agentOf);
  process.stdout.write(
    `\nload balancer: sent ${result.sent}, delivered ${result.delivered}, duplicates ${result.duplicates}, lost ${result.lost}, out of order ${result.outOfOrder.length}, stored ${result.stored}, reconnects ${counters.reconnects}, resent ${counters.resent}\n`,
  );
  expect(counters.reconnects).toBeGreaterThan(0);
  expect({ lost: result.lost, duplicates: result.duplicates, outOfOrder: result.outOfOrder }).toEqual({
    lost: 0,
    duplicates: 0,
    outOfOrder: [],
  });
  expect(result.delivered).toBe(conversations * messagesPerSide * 2);
  expect(result.stored).toBe(result.sent);
  expect(result.storedDistinct).toBe(result.sent);
}, 180_000);
