import { login } from '@beckon/test-kit';
import { afterAll, expect, it } from 'vitest';
import { createPostgresStore } from '../src/adapters/postgres/postgres-store.ts';
import { password } from '../test/harness.ts';
import { anyReadyNode, ChaosAgent, ChaosVisitor, type Counters } from './chaos/clients.ts';
import { Cluster } from './chaos/cluster.ts';
import { converse } from './chaos/conversations.ts';
import { verdict } from './chaos/verdict.ts';
import { createTestDatabase, type TestDatabase, testRedisPrefix, testRedisUrl } from './services.ts';
import { sleep, until } from './waiting.ts';

/**
 * The chaos test: three real server processes on one PostgreSQL database and one Redis prefix, 200 concurrent
 * conversations whose visitors and agents are spread over the three, and a random node killed with SIGKILL
 * every few seconds and restarted. Clients reconnect to another node, resume from their last seq and resend
 * what was not acknowledged. In the end every message must have reached the other side exactly once and in
 * order, and be stored exactly once.
 */
const conversations = 200;
const agentCount = 10;
const messagesPerSide = 12;
const killEveryMs = 4000;
const origin = 'http://shop.test';

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
});

/** Extra agents in the demo queue (same password as the seeded ones), with room for the 200 conversations. */
async function addAgents(database: TestDatabase): Promise<string[]> {
  const store = await createPostgresStore({ url: database.url });
  try {
    const template = await store.findUserByEmail('agent@beckon.local');
    const queue = (await store.listQueues())[0];
    if (!template || !queue) throw new Error('the demo was not seeded');
    const emails = ['agent@beckon.local', 'agent2@beckon.local', 'admin@beckon.local'];
    for (let i = emails.length; i < agentCount; i++) {
      const email = `chaos${i}@beckon.local`;
      await store.createUser({ ...template, id: `usr_chaos${i}`, email, name: `Chaos ${i}` });
      await store.addQueueMember(queue.id, `usr_chaos${i}`);
      emails.push(email);
    }
    for (const user of await store.listUsers()) {
      await store.setUserCapacity(user.id, Math.ceil((conversations * 2) / agentCount));
    }
    return emails;
  } finally {
    await store.close();
  }
}

it('200 conversations over three nodes survive kill -9 of random nodes: every message once, in order', async () => {
  const startedAt = Date.now();
  const database = await createTestDatabase();
  cleanup.push(() => database.drop());
  const cluster = new Cluster({
    size: 3,
    databaseUrl: database.url,
    redisUrl: testRedisUrl,
    redisPrefix: testRedisPrefix(),
    password,
    publicUrl: origin,
    // Dead nodes are noticed within seconds, so the test sees takeover happen.
    env: { BECKON_SWEEP_INTERVAL_MS: '1000', BECKON_NODE_TTL_MS: '5000' },
  });
  cleanup.push(() => cluster.stop());
  await cluster.start();
  const emails = await addAgents(database);

  const counters: Counters = { reconnects: 0, takenOffline: 0, redelivered: 0, resent: 0 };
  const agents: ChaosAgent[] = [];
  for (const [i, email] of emails.entries()) {
    // Logins are spread over the nodes: each allows 10 a minute per address.
    const cookie = await login(cluster.url(i % cluster.size), email, password);
    const agent = new ChaosAgent(anyReadyNode(cluster), counters, cookie, origin);
    agents.push(agent);
    agent.connect();
  }
  await until('agents online', () => agents.every((a) => a.isOpen), 20_000);
  await sleep(500);
  const visitors = Array.from(
    { length: conversations },
    () => new ChaosVisitor(anyReadyNode(cluster), counters, origin),
  );
  // Visitors arrive over a few seconds, as traffic does (capacity-burst.test.ts covers chats starting at once).
  for (const [i, visitor] of visitors.entries()) {
    visitor.connect();
    if (i % 10 === 9) await sleep(250);
  }
  await until(
    'every conversation active',
    () => visitors.every((v) => v.active),
    60_000,
    () =>
      `welcomed ${visitors.filter((v) => v.welcomed).length}, with a conversation ${
        visitors.filter((v) => v.conversationId).length
      }, active ${visitors.filter((v) => v.active).length}, tracked by agents ${agents
        .map((a) => a.conversations.size)
        .join('+')}, taken offline ${counters.takenOffline}`,
  );
  cleanup.push(async () => {
    for (const client of [...visitors, ...agents]) client.stop();
  });
  const agentOf = new Map<string, ChaosAgent>();
  for (const agent of agents) for (const id of agent.conversations.keys()) agentOf.set(id, agent);
  expect(agentOf.size).toBe(conversations);

  // Chaos: kill a random node every few seconds and restart it at once.
  let kills = 0;
  let chaos = true;
  const chaosLoop = (async () => {
    while (chaos) {
      await sleep(killEveryMs);
      if (!chaos) break;
      const ready = cluster.readyNodes();
      if (ready.length < 2) continue;
      const victim = ready[Math.floor(Math.random() * ready.length)] ?? 0;
      await cluster.kill(victim);
      kills++;
      await cluster.startNode(victim);
    }
  })();

  await converse(visitors, agentOf, messagesPerSide, [500, 3_000]);
  chaos = false;
  await chaosLoop;
  await until('all nodes back', () => cluster.readyNodes().length === cluster.size, 30_000);

  const {
    sent,
    delivered,
    duplicates,
    lost,
    outOfOrder,
    stored: storedCount,
    storedDistinct,
  } = await verdict(database, visitors, agentOf);
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  process.stdout.write(
    `\nchaos: ${conversations} conversations, ${cluster.size} nodes, ${seconds} s: sent ${sent}, delivered ${delivered}, ` +
      `duplicates ${duplicates}, lost ${lost}, out of order ${outOfOrder.length}, stored ${storedCount} ` +
      `(${storedDistinct} distinct), kills ${kills}, reconnects ${counters.reconnects}, ` +
      `resent ${counters.resent}, redelivered frames dropped by seq ${counters.redelivered}\n`,
  );

  expect(sent).toBe(conversations * messagesPerSide * 2);
  expect(kills).toBeGreaterThanOrEqual(3);
  expect(counters.reconnects).toBeGreaterThan(0);
  expect({ lost, duplicates, outOfOrder }).toEqual({ lost: 0, duplicates: 0, outOfOrder: [] });
  expect(delivered).toBe(sent);
  expect(storedCount).toBe(sent);
  expect(storedDistinct).toBe(sent);
}, 240_000);
