import type { WebhookAttemptList, WebhookDeliveryList, WebhookWithSecret } from '@beckon/protocol';
import { login } from '@beckon/test-kit';
import { TestWebhookReceiver } from '@beckon/test-kit/webhook-receiver';
import { Webhook } from 'standardwebhooks';
import { afterAll, expect, it } from 'vitest';
import { password } from '../test/harness.ts';
import { Cluster } from './chaos/cluster.ts';
import { createTestDatabase, testRedisPrefix, testRedisUrl } from './services.ts';
import { until } from './waiting.ts';

/**
 * Two real server processes on one PostgreSQL database. The receiver holds the first request open, the node
 * sending it is killed with SIGKILL (no shutdown code runs, nothing is recorded), and the other node sends the
 * delivery once the dead node's lease has run out: same `webhook-id`, same body, a valid signature.
 */
const attemptTimeoutMs = 3_000;
/** The dispatcher's lease for this timeout (webhook-dispatcher.ts: twice the timeout and 30 s). */
const leaseMs = attemptTimeoutMs * 2 + 30_000;

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
});

async function call<T>(url: string, cookie: string, method: string, path: string): Promise<T> {
  const response = await fetch(`${url}${path}`, { method, headers: { cookie, origin: url } });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

it('a node killed mid-delivery: the other node sends it once the lease lapses, same id, signed', async () => {
  const database = await createTestDatabase();
  cleanup.push(() => database.drop());
  const receiver = await TestWebhookReceiver.start();
  cleanup.push(() => receiver.close());
  const cluster = new Cluster({
    size: 2,
    databaseUrl: database.url,
    redisUrl: testRedisUrl,
    redisPrefix: testRedisPrefix(),
    password,
    publicUrl: 'http://shop.test',
    env: {
      BECKON_WEBHOOKS_ALLOW_PRIVATE: 'true',
      BECKON_WEBHOOKS_TIMEOUT_MS: String(attemptTimeoutMs),
      BECKON_WEBHOOKS_POLL_MS: '500',
    },
  });
  cleanup.push(() => cluster.stop());
  await cluster.start();
  // Node 1 is down while node 0 sends, so which node holds the lease is known.
  await cluster.kill(1);

  const a = cluster.url(0);
  const adminA = await login(a, 'admin@beckon.local', password);
  const created = await fetch(`${a}/v1/webhooks`, {
    method: 'POST',
    headers: { cookie: adminA, origin: a, 'content-type': 'application/json' },
    body: JSON.stringify({ url: receiver.url, events: ['message.created'] }),
  });
  expect(created.status).toBe(201);
  const endpoint = (await created.json()) as WebhookWithSecret;

  receiver.hang();
  await call(a, adminA, 'POST', `/v1/webhooks/${endpoint.id}/test`);
  const [held] = await receiver.waitForHeld(1, 10_000);
  const heldAt = Date.now();
  // Well within the attempt's timeout: node 0 dies while it waits for the answer.
  await cluster.kill(0);
  expect(Date.now() - heldAt).toBeLessThan(attemptTimeoutMs);
  receiver.answer();

  await cluster.startNode(1);
  const [delivered] = await receiver.waitFor(1, leaseMs + 20_000);
  const deliveredAt = Date.now();
  expect(receiver.received).toHaveLength(1);
  expect(delivered!.answered).toBe(204);
  expect(delivered!.headers['webhook-id']).toBe(held!.headers['webhook-id']);
  expect(delivered!.body).toBe(held!.body);
  // Not before the dead node's lease ran out (it began a moment before the held request arrived).
  expect(deliveredAt - heldAt).toBeGreaterThan(leaseMs - 5_000);
  // Real processes on the real clock: verified now, within the library's five-minute tolerance.
  expect(
    new Webhook(endpoint.secret).verify(delivered!.body, delivered!.headers as Record<string, string>),
  ).toMatchObject({
    type: 'webhook.test',
  });

  // Node 1's log: delivered on its first recorded attempt (the killed node recorded nothing), by node 1.
  const b = cluster.url(1);
  const adminB = await login(b, 'admin@beckon.local', password);
  const readLog = async () =>
    (await call<WebhookDeliveryList>(b, adminB, 'GET', `/v1/webhooks/${endpoint.id}/deliveries`)).deliveries;
  // The receiver answered before node 1 wrote the outcome.
  await until('the outcome recorded', async () => (await readLog())[0]?.status === 'delivered', 10_000);
  const [delivery] = await readLog();
  expect(delivery).toMatchObject({ id: held!.headers['webhook-id'], status: 'delivered', attempts: 1 });
  const { attempts } = await call<WebhookAttemptList>(
    b,
    adminB,
    'GET',
    `/v1/webhooks/${endpoint.id}/deliveries/${delivery!.id}/attempts`,
  );
  expect(attempts).toMatchObject([{ attempt: 1, status: 204, error: null }]);
}, 180_000);
