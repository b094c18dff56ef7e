import type {
  WebhookAttemptList,
  WebhookDeliveryList,
  WebhookEndpointView,
  WebhookWithSecret,
} from '@beckon/protocol';
import { login } from '@beckon/test-kit';
import { TestWebhookReceiver } from '@beckon/test-kit/webhook-receiver';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { webhookDisableAfterMs, webhookRetryDelaysMs } from '../src/domain/webhooks/webhook-dispatcher.ts';
import { api } from './api.ts';
import { type Harness, password, startHarness, visitor } from './harness.ts';

let h: Harness;
let receiver: TestWebhookReceiver;
let admin: string;

beforeEach(async () => {
  receiver = await TestWebhookReceiver.start();
  // The receiver is on 127.0.0.1: only an installation that allows private addresses may call it.
  h = await startHarness({
    env: {
      BECKON_WEBHOOKS_ALLOW_PRIVATE: 'true',
      // The tests move the clock by hours and days: the periodic tasks run every ten minutes meanwhile.
      BECKON_SWEEP_INTERVAL_MS: '600000',
      BECKON_NODE_TTL_MS: '3600000',
      BECKON_WEBHOOKS_POLL_MS: '600000',
    },
  });
  admin = await login(h.url, 'admin@beckon.local', password);
});
afterEach(async () => {
  vi.useRealTimers();
  await h.close();
  await receiver.close();
});

async function register(events: string[] = ['conversation.started', 'message.created']) {
  const created = await api<WebhookWithSecret>(h, admin, 'POST', '/v1/webhooks', {
    url: receiver.url,
    description: 'CRM',
    events,
  });
  expect(created.status).toBe(201);
  return created.body;
}

/** Runs this node's dispatcher to the end of what is due now (the clock's poll does the same). */
const dispatch = () => h.node.services.webhookDispatcher!.run();

/** Verifies as a receiver would, with the specification's library, at the instant the node signed. */
function verify(secret: string, hook: { headers: Record<string, unknown>; body: string }): unknown {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(h.clock.now());
  try {
    return new Webhook(secret).verify(hook.body, hook.headers as Record<string, string>);
  } finally {
    vi.useRealTimers();
  }
}

describe('webhook endpoints', () => {
  it('admins register an endpoint: a whsec_ secret shown once, never listed; agents are refused', async () => {
    const endpoint = await register();
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = await api<{ endpoints: WebhookEndpointView[] }>(h, admin, 'GET', '/v1/webhooks');
    expect(listed.body.endpoints).toEqual([
      expect.objectContaining({ id: endpoint.id, url: receiver.url, enabled: true, description: 'CRM' }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(endpoint.secret);
    const agent = await login(h.url, 'agent@beckon.local', password);
    expect((await api(h, agent, 'GET', '/v1/webhooks')).status).toBe(403);
    expect(
      (await api(h, agent, 'POST', '/v1/webhooks', { url: receiver.url, events: ['message.created'] }))
        .status,
    ).toBe(403);
    const bad = await api(h, admin, 'POST', '/v1/webhooks', { url: receiver.url, events: ['nope'] });
    expect(bad.body.error?.code).toBe('VALIDATION_FAILED');
    const audit = await h.node.services.audit.list({ action: 'webhook.created', limit: 5 });
    expect(audit.map((entry) => entry.targetId)).toEqual([endpoint.id]);
  });

  it('refuses more endpoints than the installation allows', async () => {
    for (let n = 0; n < 20; n++) await register();
    const refused = await api(h, admin, 'POST', '/v1/webhooks', {
      url: receiver.url,
      events: ['message.created'],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('WEBHOOK_LIMIT_REACHED');
  });
});

describe('delivery', () => {
  it('sends a chat’s events signed as Standard Webhooks says, each once, with its data', async () => {
    const { secret } = await register();
    const v = await visitor(h);
    v.send({ type: 'chat.start' });
    const { conversation } = await v.next('conversation.update');
    v.send({ type: 'message.send', clientMsgId: 'c1', text: 'Hello <b>there</b>' });
    await v.next('message.ack');
    // The same frame again (a resend after a reconnect) is one message, and one event.
    v.send({ type: 'message.send', clientMsgId: 'c1', text: 'Hello <b>there</b>' });
    await v.next('message.ack');
    await dispatch();
    const hooks = await receiver.waitFor(2);
    const events = hooks.map(
      (hook) => verify(secret, hook) as { type: string; data: Record<string, unknown> },
    );
    expect(events.map((event) => event.type).sort()).toEqual(['conversation.started', 'message.created']);
    const message = events.find((event) => event.type === 'message.created')!;
    expect(message.data).toMatchObject({
      conversationId: conversation.id,
      widgetId: h.demoWidgetId,
      message: { seq: 1, author: 'visitor', text: 'Hello <b>there</b>' },
    });
    expect(new Set(hooks.map((hook) => hook.headers['webhook-id'])).size).toBe(2);
    // A tampered body fails the receiver's check.
    expect(() => verify(secret, { ...hooks[0]!, body: hooks[0]!.body.replace('}', ',"x":1}') })).toThrow();
    await dispatch();
    expect(receiver.received).toHaveLength(2);
    await v.close();
  });

  it('retries a failed attempt after 30 s with the same id, then on the back-off, then gives up', async () => {
    const { id, secret } = await register(['conversation.started']);
    receiver.answerNext(500);
    const v = await visitor(h);
    v.send({ type: 'chat.start' });
    await v.next('conversation.update');
    await dispatch();
    await receiver.waitFor(1);
    const log = async () =>
      (await api<WebhookDeliveryList>(h, admin, 'GET', `/v1/webhooks/${id}/deliveries`)).body.deliveries;
    const [first] = await log();
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500 });
    expect(first!.nextAttemptAt).toBe(h.clock.now() + webhookRetryDelaysMs[0]);
    await h.clock.advance(webhookRetryDelaysMs[0] - 1_000);
    await dispatch();
    expect(receiver.received).toHaveLength(1);
    await h.clock.advance(1_000);
    await dispatch();
    const [failed, retried] = await receiver.waitFor(2);
    expect(retried!.headers['webhook-id']).toBe(failed!.headers['webhook-id']);
    verify(secret, retried!);
    expect((await log())[0]).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 204 });
    // Each attempt is in the delivery's history, the failed one with what the receiver said.
    const attemptsOf = (deliveryId: string) =>
      api<WebhookAttemptList>(h, admin, 'GET', `/v1/webhooks/${id}/deliveries/${deliveryId}/attempts`);
    const history = await attemptsOf(first!.id);
    expect(history.status).toBe(200);
    expect(history.body.attempts).toMatchObject([
      { attempt: 1, status: 500, error: 'HTTP 500: receiver says no', response: 'receiver says no' },
      { attempt: 2, status: 204, error: null, response: '', startedAt: h.clock.now() },
    ]);
    expect(history.body.attempts.every((attempt) => attempt.durationMs >= 0 && attempt.node !== '')).toBe(
      true,
    );
    expect((await attemptsOf('msg_nothing')).status).toBe(404);
    const agent = await login(h.url, 'agent@beckon.local', password);
    expect((await api(h, agent, 'GET', `/v1/webhooks/${id}/deliveries/${first!.id}/attempts`)).status).toBe(
      403,
    );

    // A receiver that keeps failing: every delay of the back-off, then the delivery is given up.
    await api(h, admin, 'POST', `/v1/webhooks/${id}/test`);
    receiver.answerNext(...Array(webhookRetryDelaysMs.length + 1).fill(503));
    await dispatch();
    await receiver.waitFor(3);
    for (const [n, delay] of webhookRetryDelaysMs.entries()) {
      await h.clock.advance(delay);
      await dispatch();
      await receiver.waitFor(4 + n);
    }
    const [test] = await log();
    expect(test).toMatchObject({
      eventType: 'webhook.test',
      status: 'failed',
      attempts: webhookRetryDelaysMs.length + 1,
      nextAttemptAt: null,
    });
    expect(test!.lastError).toContain('HTTP 503');
    // "Send again" queues it once more, with the same id.
    const again = await api(h, admin, 'POST', `/v1/webhooks/${id}/deliveries/${test!.id}/resend`);
    expect(again.status).toBe(202);
    await dispatch();
    const last = (await receiver.waitFor(webhookRetryDelaysMs.length + 4)).at(-1)!;
    expect(last.headers['webhook-id']).toBe(test!.id);
    expect((await log())[0]).toMatchObject({ status: 'delivered', attempts: 1 });
    // The history goes on counting across "send again".
    expect((await attemptsOf(test!.id)).body.attempts.map((attempt) => attempt.status)).toEqual([
      ...Array(webhookRetryDelaysMs.length + 1).fill(503),
      204,
    ]);
    await v.close();
  });

  it('signs with both secrets while a rotation overlaps, then with the new one alone', async () => {
    const { id, secret: old } = await register(['conversation.started']);
    const rotated = await api<WebhookWithSecret>(h, admin, 'POST', `/v1/webhooks/${id}/secret`);
    expect(rotated.body.secret).not.toBe(old);
    await api(h, admin, 'POST', `/v1/webhooks/${id}/test`);
    await dispatch();
    const [hook] = await receiver.waitFor(1);
    expect(verify(old, hook!)).toMatchObject({ type: 'webhook.test' });
    expect(verify(rotated.body.secret, hook!)).toMatchObject({ type: 'webhook.test' });
    await h.clock.advance(24 * 60 * 60_000);
    // The session ended meanwhile: the admin signs in again.
    admin = await login(h.url, 'admin@beckon.local', password);
    await api(h, admin, 'POST', `/v1/webhooks/${id}/test`);
    await dispatch();
    const [, later] = await receiver.waitFor(2);
    expect(() => verify(old, later!)).toThrow();
    verify(rotated.body.secret, later!);
  });

  it('switches off an endpoint whose attempts have all failed for three days, and says so', async () => {
    const { id } = await register(['conversation.started']);
    receiver.answerNext(...Array(20).fill(500));
    await api(h, admin, 'POST', `/v1/webhooks/${id}/test`);
    await dispatch();
    await receiver.waitFor(1);
    await h.clock.advance(webhookDisableAfterMs);
    await dispatch();
    admin = await login(h.url, 'admin@beckon.local', password);
    await api(h, admin, 'POST', `/v1/webhooks/${id}/test`);
    await dispatch();
    const [endpoint] = (await api<{ endpoints: WebhookEndpointView[] }>(h, admin, 'GET', '/v1/webhooks')).body
      .endpoints;
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: 'failing' });
    const audit = await h.node.services.audit.list({ action: 'webhook.disabled', limit: 5 });
    expect(audit.map((entry) => entry.targetId)).toEqual([id]);
    // Switched on again by an admin: the reason and the streak are cleared.
    const enabled = await api<WebhookEndpointView>(h, admin, 'PATCH', `/v1/webhooks/${id}`, {
      enabled: true,
    });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });

  it('erasing a visitor removes the deliveries about them that were not sent yet', async () => {
    const { id } = await register(['conversation.started']);
    // The receiver fails: the delivery waits for its retry, unsent.
    receiver.answerNext(500);
    const v = await visitor(h);
    const visitorId = v.all('welcome')[0]!.visitorId;
    v.send({ type: 'chat.start' });
    await v.next('conversation.update');
    await dispatch();
    await receiver.waitFor(1);
    const pending = await h.node.store.listWebhookDeliveries(id, 10);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.status).toBe('pending');
    expect(pending[0]!.visitorId).toBe(visitorId);
    expect((await api(h, admin, 'DELETE', `/v1/visitors/${visitorId}`)).status).toBe(200);
    expect(await h.node.store.listWebhookDeliveries(id, 10)).toEqual([]);
    await v.close().catch(() => {});
  });
});

describe('addresses', () => {
  it('without BECKON_WEBHOOKS_ALLOW_PRIVATE, refuses http and loopback URLs', async () => {
    const strict = await startHarness();
    try {
      const cookie = await login(strict.url, 'admin@beckon.local', password);
      for (const url of [
        receiver.url,
        `https://127.0.0.1:${receiver.port}/`,
        'https://localhost/hooks',
        'https://[::1]/',
      ]) {
        const refused = await api(strict, cookie, 'POST', '/v1/webhooks', {
          url,
          events: ['message.created'],
        });
        expect(refused.status, url).toBe(400);
        expect(refused.body.error?.code, url).toBe('WEBHOOK_ADDRESS_REFUSED');
      }
    } finally {
      await strict.close();
    }
  });
});
