import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WebhookWithSecret } from '@beckon/protocol';
import { login } from '@beckon/test-kit';
import { TestWebhookReceiver } from '@beckon/test-kit/webhook-receiver';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webhookRetryDelaysMs } from '../src/domain/webhooks/webhook-dispatcher.ts';
import { api } from './api.ts';
import { agent, type Harness, password, startHarness, visitor } from './harness.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let h: Harness;
afterEach(async () => {
  await h.close();
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Scrapes and reads the text exposition format's sample lines (`name{label="value",…} number`). */
async function scrape(url: string): Promise<Sample[]> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
  return (await response.text())
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
      );
      return { name: match[1] ?? '', labels, value: Number(match[3]) };
    });
}

/** The value of the sample `name` whose labels include `labels` (0 when there is none yet). */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const sample = samples.find(
    (s) => s.name === name && Object.entries(labels).every(([key, wanted]) => s.labels[key] === wanted),
  );
  return sample?.value ?? 0;
}

describe('Prometheus metrics on a port of their own', () => {
  beforeEach(async () => {
    h = await startHarness({ env: { BECKON_METRICS_PORT: '0' } });
  });

  it('move as a chat happens: sockets, frames, offers, message handling, store calls', async () => {
    const metricsUrl = h.metricsUrl ?? '';
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const before = await scrape(metricsUrl);
    expect(value(before, 'beckon_sockets', { kind: 'visitor' })).toBe(0);
    // Node's own process metrics come with Beckon's.
    expect(before.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);

    const a = await agent(h);
    const v = await visitor(h, `${h.origin}/demo/index.html`);
    v.send({ type: 'chat.start' });
    await v.next('conversation.update');
    const { offer } = await a.next('offer.new');
    a.send({ type: 'offer.accept', offerId: offer.id });
    await a.next('conversation.opened');
    v.send({ type: 'message.send', clientMsgId: 'm1', text: 'Hello' });
    await v.next('message.ack');
    v.send({ type: 'no.such.frame' });
    await v.next('error');

    const during = await scrape(metricsUrl);
    expect(value(during, 'beckon_sockets', { kind: 'visitor' })).toBe(1);
    expect(value(during, 'beckon_sockets', { kind: 'agent' })).toBe(1);
    expect(value(during, 'beckon_frames_received_total', { kind: 'visitor', type: 'message.send' })).toBe(1);
    expect(value(during, 'beckon_frames_received_total', { kind: 'visitor', type: 'refused' })).toBe(1);
    expect(value(during, 'beckon_frames_sent_total', { kind: 'agent', type: 'offer.new' })).toBe(1);
    expect(
      value(during, 'beckon_frame_handling_seconds_count', { kind: 'visitor', type: 'message.send' }),
    ).toBe(1);
    expect(value(during, 'beckon_offers_total', { outcome: 'made' })).toBe(1);
    expect(value(during, 'beckon_offers_total', { outcome: 'accepted' })).toBe(1);
    // The acceptance, which writes the agent's join line with it; the visitor's message (appended with its
    // open-conversation check); no message appended on its own.
    expect(value(during, 'beckon_store_call_seconds_count', { method: 'acceptOffer', failed: 'false' })).toBe(
      1,
    );
    expect(
      value(during, 'beckon_store_call_seconds_count', { method: 'appendMessage', failed: 'false' }),
    ).toBe(0);
    expect(
      value(during, 'beckon_store_call_seconds_count', { method: 'appendVisitorMessage', failed: 'false' }),
    ).toBe(1);
    expect(value(during, 'beckon_bus_publish_seconds_count')).toBeGreaterThan(0);

    // The dashboard and docs/operations.md name only metrics the node serves.
    const exposition = await (await fetch(metricsUrl)).text();
    const declared = [...exposition.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]);
    // A declared histogram serves its _bucket, _sum and _count series, even before its first observation.
    const histograms = [...exposition.matchAll(/^# TYPE (\S+) histogram/gm)].map((m) => m[1]);
    const series = histograms.flatMap((name) => ['_bucket', '_sum', '_count'].map((end) => `${name}${end}`));
    const served = new Set([...declared, ...series, ...during.map((sample) => sample.name)]);
    for (const doc of ['docs/grafana/beckon.json', 'docs/operations.md']) {
      const named =
        readFileSync(path.join(repoRoot, doc), 'utf8').match(/\b(beckon|nodejs|process)_[a-z_0-9]+/g) ?? [];
      for (const name of new Set(named)) expect(served, `${doc}: ${name}`).toContain(name);
    }

    await Promise.all([a.close(), v.close()]);
    await expectEventually(
      async () => value(await scrape(metricsUrl), 'beckon_sockets', { kind: 'visitor' }),
      0,
    );
  });

  it('read the queues at each scrape, count rule evaluations and time the periodic sweeps', async () => {
    const metricsUrl = h.metricsUrl ?? '';
    const queue = (await h.node.store.listQueues())[0]!;
    const labels = { queue_id: queue.id, queue: queue.name };
    const before = await scrape(metricsUrl);
    expect(value(before, 'beckon_queue_waiting', labels)).toBe(0);
    expect(value(before, 'beckon_queue_oldest_wait_seconds', labels)).toBe(0);

    // Every agent is offline in the harness: the visitor's chat waits in the queue.
    const v = await visitor(h, `${h.origin}/demo/index.html`);
    v.send({ type: 'chat.start' });
    await v.next('conversation.update');
    await h.clock.advance(42_000);
    const waiting = await scrape(metricsUrl);
    expect(value(waiting, 'beckon_queue_waiting', labels)).toBe(1);
    expect(value(waiting, 'beckon_queue_oldest_wait_seconds', labels)).toBe(42);
    // The demo page's rules were evaluated for the visitor.
    expect(value(waiting, 'beckon_rule_evaluations_total')).toBeGreaterThan(0);
    // 42 s of the node's clock: the takeover sweep and the heartbeat ran on their cadence.
    expect(
      value(waiting, 'beckon_sweep_seconds_count', { task: 'takeover', failed: 'false' }),
    ).toBeGreaterThan(0);
    expect(
      value(waiting, 'beckon_sweep_seconds_count', { task: 'heartbeat', failed: 'false' }),
    ).toBeGreaterThan(0);

    const a = await agent(h);
    const { offer } = await a.next('offer.new');
    a.send({ type: 'offer.accept', offerId: offer.id });
    await a.next('conversation.opened');
    const answered = await scrape(metricsUrl);
    expect(value(answered, 'beckon_queue_waiting', labels)).toBe(0);
    expect(value(answered, 'beckon_queue_oldest_wait_seconds', labels)).toBe(0);
    await Promise.all([a.close(), v.close()]);
  });

  it('serve nothing but GET /metrics, in the error shape', async () => {
    const response = await fetch((h.metricsUrl ?? '').replace('/metrics', '/v1/widgets'));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    // The public port does not serve them.
    expect((await fetch(`${h.url}/metrics`)).status).toBe(404);
  });
});

describe('without BECKON_METRICS_PORT', () => {
  it('no metrics listener is started', async () => {
    h = await startHarness();
    expect(h.metricsUrl).toBeUndefined();
  });
});

async function expectEventually(read: () => Promise<number>, wanted: number) {
  for (let i = 0; i < 50 && (await read()) !== wanted; i += 1) await new Promise((r) => setTimeout(r, 20));
  expect(await read()).toBe(wanted);
}

describe('webhook metrics', () => {
  let receiver: TestWebhookReceiver;
  beforeEach(async () => {
    receiver = await TestWebhookReceiver.start();
    h = await startHarness({ env: { BECKON_METRICS_PORT: '0', BECKON_WEBHOOKS_ALLOW_PRIVATE: 'true' } });
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('count each attempt by outcome and time it: a failure with a retry due, then the delivery', async () => {
    const metricsUrl = h.metricsUrl ?? '';
    const admin = await login(h.url, 'admin@beckon.local', password);
    const endpoint = await api<WebhookWithSecret>(h, admin, 'POST', '/v1/webhooks', {
      url: receiver.url,
      events: ['conversation.started'],
    });
    receiver.answerNext(500);
    await api(h, admin, 'POST', `/v1/webhooks/${endpoint.body.id}/test`);
    await h.node.services.webhookDispatcher!.run();
    await receiver.waitFor(1);
    const failed = await scrape(metricsUrl);
    expect(value(failed, 'beckon_webhook_deliveries_total', { outcome: 'retrying' })).toBe(1);
    expect(value(failed, 'beckon_webhook_deliveries_total', { outcome: 'delivered' })).toBe(0);

    await h.clock.advance(webhookRetryDelaysMs[0]);
    await h.node.services.webhookDispatcher!.run();
    await receiver.waitFor(2);
    const delivered = await scrape(metricsUrl);
    expect(value(delivered, 'beckon_webhook_deliveries_total', { outcome: 'delivered' })).toBe(1);
    expect(value(delivered, 'beckon_webhook_deliveries_total', { outcome: 'given_up' })).toBe(0);
    for (const outcome of ['retrying', 'delivered']) {
      expect(value(delivered, 'beckon_webhook_delivery_seconds_count', { outcome })).toBe(1);
    }
  });
});
