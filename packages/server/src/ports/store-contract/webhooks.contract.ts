// Over 300 lines: the store contract for webhook endpoints, their outbox and attempts, one behaviour per case, run against every store.
import { describe, expect, it } from 'vitest';
import type { NewWebhookDelivery } from '../store.ts';
import { type GetStore, t0, webhookEndpoint } from './fixtures.ts';

/** The `WebhookStore` port (store/webhooks.ts): endpoints and the leased delivery outbox. */
export function describeWebhooks(getStore: GetStore): void {
  const delivery = (id: string, over: Partial<NewWebhookDelivery> = {}): NewWebhookDelivery => ({
    id,
    endpointId: 'whe_1',
    eventKey: `key-${id}`,
    eventType: 'message.created',
    payload: '{"type":"message.created"}',
    visitorId: 'vis_1',
    customerId: null,
    createdAt: t0,
    ...over,
  });

  /** What every attempt records besides its outcome. */
  const sent = { startedAt: t0, durationMs: 12, response: null };

  describe('webhooks', () => {
    it('round-trips, updates, lists and deletes endpoints (with their deliveries)', async () => {
      const store = getStore();
      await store.createWebhookEndpoint(webhookEndpoint());
      await store.createWebhookEndpoint(webhookEndpoint({ id: 'whe_2', createdAt: t0 + 1, enabled: false }));
      expect(await store.getWebhookEndpoint('whe_1')).toStrictEqual(webhookEndpoint());
      const changed = webhookEndpoint({ url: 'https://other.example.com', events: ['conversation.ended'] });
      expect(await store.updateWebhookEndpoint({ ...changed, updatedAt: t0 + 9 })).toBe(true);
      expect(await store.updateWebhookEndpoint(webhookEndpoint({ id: 'whe_9' }))).toBe(false);
      expect((await store.listWebhookEndpoints()).map((row) => [row.id, row.url])).toEqual([
        ['whe_1', 'https://other.example.com'],
        ['whe_2', 'https://hooks.example.com/beckon'],
      ]);
      await store.enqueueWebhookDeliveries([delivery('msg_1')]);
      expect(await store.deleteWebhookEndpoint('whe_1')).toBe(true);
      expect(await store.deleteWebhookEndpoint('whe_1')).toBe(false);
      expect(await store.getWebhookDelivery('msg_1')).toBeUndefined();
    });

    it('enqueues once per endpoint and event key', async () => {
      const store = getStore();
      await store.createWebhookEndpoint(webhookEndpoint());
      expect(await store.enqueueWebhookDeliveries([delivery('msg_1'), delivery('msg_2')])).toBe(2);
      expect(await store.enqueueWebhookDeliveries([delivery('msg_3', { eventKey: 'key-msg_1' })])).toBe(0);
      expect(await store.enqueueWebhookDeliveries([])).toBe(0);
      expect(await store.getWebhookDelivery('msg_1')).toMatchObject({
        status: 'pending',
        attempts: 0,
        nextAttemptAt: t0,
        visitorId: 'vis_1',
      });
    });

    it('leases due deliveries of enabled endpoints, each to one caller until the lease runs out', async () => {
      const store = getStore();
      await store.createWebhookEndpoint(webhookEndpoint());
      await store.createWebhookEndpoint(webhookEndpoint({ id: 'whe_off', enabled: false }));
      await store.enqueueWebhookDeliveries([
        delivery('msg_1'),
        delivery('msg_2', { createdAt: t0 + 1 }),
        delivery('msg_later', { createdAt: t0 + 60_000 }),
        delivery('msg_off', { endpointId: 'whe_off' }),
      ]);
      const [a, b] = await Promise.all([
        store.leaseWebhookDeliveries('node-a', t0 + 10, 30_000, 10),
        store.leaseWebhookDeliveries('node-b', t0 + 10, 30_000, 10),
      ]);
      const ids = [...a!, ...b!].map((leased) => leased.delivery.id).sort();
      expect(ids).toEqual(['msg_1', 'msg_2']);
      expect([...a!, ...b!][0]!.endpoint.id).toBe('whe_1');
      expect(await store.leaseWebhookDeliveries('node-c', t0 + 20, 30_000, 10)).toEqual([]);
      // node-a died: its lease lapses and another dispatcher takes the delivery.
      const again = await store.leaseWebhookDeliveries('node-c', t0 + 30_010, 30_000, 10);
      expect(again.map((leased) => leased.delivery.id).sort()).toEqual(['msg_1', 'msg_2']);
      const outcome = { ...sent, at: t0 + 30_020, delivered: true, status: 200, error: null };
      // The lease moved on: the old owner's late answer is not written.
      expect(await store.finishWebhookAttempt(ids[0]!, a!.length > 0 ? 'node-a' : 'node-b', outcome)).toBe(
        false,
      );
      expect(await store.finishWebhookAttempt(ids[0]!, 'node-c', outcome)).toBe(true);
      expect(await store.getWebhookDelivery(ids[0]!)).toMatchObject({
        status: 'delivered',
        attempts: 1,
        lastStatus: 200,
        finishedAt: t0 + 30_020,
        nextAttemptAt: null,
      });
    });

    it('never leases a delivery whose attempt was written while the lease was looking for due ones', async () => {
      const store = getStore();
      await store.createWebhookEndpoint(webhookEndpoint());
      await store.enqueueWebhookDeliveries([delivery('msg_1')]);
      await store.leaseWebhookDeliveries('node-a', t0, 30_000, 10);
      // node-a's lease has just lapsed when its answer comes back, as node-b looks for due deliveries: either
      // node-b takes the delivery and node-a's late answer is refused, or the answer is written (a retry in
      // 30 s) and node-b leaves the delivery alone. Both at once would send it twice.
      const at = t0 + 30_000;
      const [taken, written] = await Promise.all([
        store.leaseWebhookDeliveries('node-b', at, 30_000, 10),
        store.finishWebhookAttempt('msg_1', 'node-a', {
          ...sent,
          at,
          delivered: false,
          status: 503,
          error: 'HTTP 503',
          retryAt: at + 30_000,
        }),
      ]);
      expect(taken.length + (written ? 1 : 0)).toBe(1);
    });

    it('counts failures: a retry stays pending, the last one fails, and the endpoint keeps its streak', async () => {
      const store = getStore();
      await store.createWebhookEndpoint(webhookEndpoint());
      await store.enqueueWebhookDeliveries([delivery('msg_1')]);
      await store.leaseWebhookDeliveries('n', t0, 30_000, 10);
      const failed = { ...sent, delivered: false, status: 500, error: 'HTTP 500' };
      expect(
        await store.finishWebhookAttempt('msg_1', 'n', { ...failed, at: t0 + 1, retryAt: t0 + 30_001 }),
      ).toBe(true);
      expect(await store.getWebhookDelivery('msg_1')).toMatchObject({
        status: 'pending',
        attempts: 1,
        nextAttemptAt: t0 + 30_001,
        lastError: 'HTTP 500',
      });
      expect((await store.getWebhookEndpoint('whe_1'))?.failingSince).toBe(t0 + 1);
      expect(await store.leaseWebhookDeliveries('n', t0 + 30_000, 30_000, 10)).toEqual([]);
      expect(await store.leaseWebhookDeliveries('n', t0 + 30_001, 30_000, 10)).toHaveLength(1);
      await store.finishWebhookAttempt('msg_1', 'n', { ...failed, at: t0 + 30_002 });
      expect(await store.getWebhookDelivery('msg_1')).toMatchObject({ status: 'failed', attempts: 2 });
      // The streak began at the first failure.
      expect((await store.getWebhookEndpoint('whe_1'))?.failingSince).toBe(t0 + 1);
      expect(await store.disableFailingWebhookEndpoint('whe_1', t0 + 5, t0 + 9)).toBe(false);
      expect(await store.disableFailingWebhookEndpoint('whe_1', t0 + 1, t0 + 9)).toBe(true);
      expect(await store.getWebhookEndpoint('whe_1')).toMatchObject({
        enabled: false,
        disabledReason: 'failing',
      });
      // Send again: pending from zero attempts.
      expect(await store.retryWebhookDelivery('msg_1', t0 + 10)).toBe(true);
      expect(await store.retryWebhookDelivery('msg_1', t0 + 10)).toBe(false);
      expect(await store.getWebhookDelivery('msg_1')).toMatchObject({ status: 'pending', attempts: 0 });
    });

    it('a success clears the failure streak', async () => {
      const store = getStore();
      await store.createWebhookEndpoint(webhookEndpoint({ failingSince: t0 }));
      await store.enqueueWebhookDeliveries([delivery('msg_1')]);
      await store.leaseWebhookDeliveries('n', t0, 30_000, 10);
      await store.finishWebhookAttempt('msg_1', 'n', {
        ...sent,
        at: t0 + 1,
        delivered: true,
        status: 204,
        error: null,
      });
      expect((await store.getWebhookEndpoint('whe_1'))?.failingSince).toBeNull();
    });

    it('lists an endpoint’s deliveries newest first, and purges finished ones by age', async () => {
      const store = getStore();
      await store.createWebhookEndpoint(webhookEndpoint());
      await store.enqueueWebhookDeliveries([
        delivery('msg_1'),
        delivery('msg_2', { createdAt: t0 + 1 }),
        delivery('msg_3', { createdAt: t0 + 2 }),
      ]);
      expect((await store.listWebhookDeliveries('whe_1', 2)).map((row) => row.id)).toEqual([
        'msg_3',
        'msg_2',
      ]);
      await store.leaseWebhookDeliveries('n', t0 + 5, 30_000, 2);
      await store.finishWebhookAttempt('msg_1', 'n', {
        ...sent,
        at: t0 + 10,
        delivered: true,
        status: 200,
        error: null,
      });
      await store.finishWebhookAttempt('msg_2', 'n', {
        ...sent,
        at: t0 + 20,
        delivered: false,
        status: 410,
        error: 'x',
      });
      expect(await store.purgeWebhookDeliveries(t0 + 15, 10)).toBe(1);
      expect(await store.purgeWebhookDeliveries(t0 + 100, 10)).toBe(1);
      // Pending deliveries are never purged by age.
      expect((await store.listWebhookDeliveries('whe_1', 10)).map((row) => row.id)).toEqual(['msg_3']);
    });

    it('keeps every attempt of a delivery, numbered over its life, and drops them with it', async () => {
      const store = getStore();
      await store.createWebhookEndpoint(webhookEndpoint());
      await store.enqueueWebhookDeliveries([delivery('msg_1'), delivery('msg_2', { visitorId: 'vis_2' })]);
      await store.leaseWebhookDeliveries('node-a', t0, 30_000, 10);
      await store.finishWebhookAttempt('msg_1', 'node-a', {
        at: t0 + 40,
        startedAt: t0 + 10,
        durationMs: 30.4,
        delivered: false,
        retryAt: t0 + 100,
        status: 503,
        error: 'HTTP 503: busy',
        response: 'busy',
      });
      await store.finishWebhookAttempt('msg_2', 'node-a', {
        ...sent,
        at: t0,
        delivered: true,
        status: 204,
        error: null,
      });
      // A lost lease writes no attempt either.
      expect(
        await store.finishWebhookAttempt('msg_1', 'node-a', {
          ...sent,
          at: t0,
          delivered: true,
          status: 204,
          error: null,
        }),
      ).toBe(false);
      await store.leaseWebhookDeliveries('node-b', t0 + 100, 30_000, 10);
      await store.finishWebhookAttempt('msg_1', 'node-b', {
        at: t0 + 105,
        startedAt: t0 + 100,
        durationMs: 5,
        delivered: true,
        status: 200,
        error: null,
        response: 'ok',
      });
      // "Send again" starts `attempts` over; the history goes on counting.
      await store.retryWebhookDelivery('msg_1', t0 + 200);
      await store.leaseWebhookDeliveries('node-a', t0 + 200, 30_000, 10);
      await store.finishWebhookAttempt('msg_1', 'node-a', {
        at: t0 + 201,
        startedAt: t0 + 200,
        durationMs: 1,
        delivered: false,
        status: null,
        error: 'No answer within 10000 ms.',
        response: null,
      });
      expect(await store.listWebhookAttempts('msg_1', 10)).toStrictEqual([
        {
          deliveryId: 'msg_1',
          attempt: 1,
          startedAt: t0 + 10,
          durationMs: 30,
          status: 503,
          error: 'HTTP 503: busy',
          response: 'busy',
          node: 'node-a',
        },
        {
          deliveryId: 'msg_1',
          attempt: 2,
          startedAt: t0 + 100,
          durationMs: 5,
          status: 200,
          error: null,
          response: 'ok',
          node: 'node-b',
        },
        {
          deliveryId: 'msg_1',
          attempt: 3,
          startedAt: t0 + 200,
          durationMs: 1,
          status: null,
          error: 'No answer within 10000 ms.',
          response: null,
          node: 'node-a',
        },
      ]);
      expect((await store.listWebhookAttempts('msg_1', 2)).map((row) => row.attempt)).toEqual([2, 3]);
      expect(await store.listWebhookAttempts('msg_9', 10)).toEqual([]);
      // Retention takes the attempts with their delivery, erasure too.
      expect(await store.purgeWebhookDeliveries(t0 + 1_000, 10)).toBe(2);
      expect(await store.listWebhookAttempts('msg_1', 10)).toEqual([]);
      expect(await store.listWebhookAttempts('msg_2', 10)).toEqual([]);
      await store.enqueueWebhookDeliveries([delivery('msg_3', { eventKey: 'k3', visitorId: 'vis_gone' })]);
      await store.leaseWebhookDeliveries('n', t0 + 2_000, 30_000, 10);
      await store.finishWebhookAttempt('msg_3', 'n', {
        ...sent,
        at: t0,
        delivered: true,
        status: 204,
        error: null,
      });
      expect(await store.listWebhookAttempts('msg_3', 10)).toHaveLength(1);
      await store.erasePersonalData({ visitorIds: ['vis_gone'] });
      expect(await store.listWebhookAttempts('msg_3', 10)).toEqual([]);
      await store.enqueueWebhookDeliveries([delivery('msg_4', { eventKey: 'k4' })]);
      await store.leaseWebhookDeliveries('n', t0 + 3_000, 30_000, 10);
      await store.finishWebhookAttempt('msg_4', 'n', {
        ...sent,
        at: t0,
        delivered: true,
        status: 204,
        error: null,
      });
      await store.deleteWebhookEndpoint('whe_1');
      expect(await store.listWebhookAttempts('msg_4', 10)).toEqual([]);
    });

    it('erasure removes the deliveries about the visitor or customer, and only those', async () => {
      const store = getStore();
      await store.createWebhookEndpoint(webhookEndpoint());
      await store.enqueueWebhookDeliveries([
        delivery('msg_1', { visitorId: 'vis_gone' }),
        delivery('msg_2', { visitorId: null, customerId: 'cus_gone' }),
        delivery('msg_3', { visitorId: 'vis_other' }),
      ]);
      await store.erasePersonalData({ visitorIds: ['vis_gone'], customerId: 'cus_gone' });
      expect((await store.listWebhookDeliveries('whe_1', 10)).map((row) => row.id)).toEqual(['msg_3']);
    });
  });
}
