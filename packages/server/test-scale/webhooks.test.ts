import type { WebhookWithSecret } from '@beckon/protocol';
import { FakeClock, login } from '@beckon/test-kit';
import { TestWebhookReceiver } from '@beckon/test-kit/webhook-receiver';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { webhookRetryDelaysMs } from '../src/domain/webhooks/webhook-dispatcher.ts';
import { api } from '../test/api.ts';
import { type Harness, password, visitor } from '../test/harness.ts';
import { SharedClockNodes } from './shared-clock-nodes.ts';

let cluster: SharedClockNodes;
let receiver: TestWebhookReceiver;

beforeEach(async () => {
  receiver = await TestWebhookReceiver.start();
  cluster = await SharedClockNodes.create(new FakeClock(Date.UTC(2026, 10, 24, 10, 0, 0)));
});
afterEach(async () => {
  await cluster.close();
  await receiver.close();
});

/** A visitor on `node` starts a chat and sends `count` messages. */
async function chat(node: Harness, count: number): Promise<void> {
  const v = await visitor(node);
  v.send({ type: 'chat.start' });
  await v.next('conversation.update');
  for (let n = 1; n <= count; n++) {
    v.send({ type: 'message.send', clientMsgId: `m${n}`, text: `message ${n}` });
    await v.next('message.ack');
  }
  await v.close();
}

it('two nodes on PostgreSQL racing over one outbox deliver each event exactly once', async () => {
  const env = { BECKON_WEBHOOKS_ALLOW_PRIVATE: 'true', BECKON_WEBHOOKS_POLL_MS: '1000' };
  const a = await cluster.start(env);
  const b = await cluster.start(env);
  const admin = await login(a.url, 'admin@beckon.local', password);
  const created = await api<WebhookWithSecret>(a, admin, 'POST', '/v1/webhooks', {
    url: receiver.url,
    events: ['conversation.started', 'message.created'],
  });
  expect(created.status).toBe(201);
  // Every first attempt fails, so every delivery waits for its retry: then both nodes' dispatchers race for
  // all of them at once.
  const chats = 8;
  const messages = 4;
  const events = chats * (1 + messages);
  receiver.answerNext(...Array(events).fill(503));
  // Behind a load balancer the page's origin stays the same whichever node answers; the demo seed allowed A's.
  const viaB = { ...b, origin: a.origin };
  await Promise.all(Array.from({ length: chats }, (_, n) => chat(n % 2 === 0 ? a : viaB, messages)));
  await Promise.all([a.node.services.webhookDispatcher!.run(), b.node.services.webhookDispatcher!.run()]);
  await receiver.waitFor(events, 15_000);
  expect(receiver.received.every((hook) => hook.answered === 503)).toBe(true);

  await cluster.clock.advance(webhookRetryDelaysMs[0]);
  await Promise.all([
    a.node.services.webhookDispatcher!.run(),
    b.node.services.webhookDispatcher!.run(),
    a.node.services.webhookDispatcher!.run(),
    b.node.services.webhookDispatcher!.run(),
  ]);
  await receiver.waitFor(2 * events, 15_000);
  await Promise.all([a.node.services.webhookDispatcher!.run(), b.node.services.webhookDispatcher!.run()]);
  expect(receiver.received).toHaveLength(2 * events);

  const byId = new Map<string, number[]>();
  for (const hook of receiver.received) {
    const id = String(hook.headers['webhook-id']);
    byId.set(id, [...(byId.get(id) ?? []), hook.answered]);
  }
  expect(byId.size).toBe(events);
  for (const answers of byId.values()) expect(answers).toEqual([503, 204]);
  // Every request carries a signature the receiver's library accepts.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(cluster.clock.now());
  try {
    const wh = new Webhook(created.body.secret);
    for (const hook of receiver.received.slice(events))
      wh.verify(hook.body, hook.headers as Record<string, string>);
  } finally {
    vi.useRealTimers();
  }
  const types = receiver
    .events()
    .slice(events)
    .map((event) => event.type);
  expect(types.filter((type) => type === 'conversation.started')).toHaveLength(chats);
  expect(types.filter((type) => type === 'message.created')).toHaveLength(chats * messages);
});
