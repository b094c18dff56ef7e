import {
  type WebhookAttemptView,
  type WebhookCreate,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookUpdate,
  type WebhookWithSecret,
  webhookLimits,
} from '@beckon/protocol';
import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import type { WebhookDeliveryRow, WebhookEndpointRow, WebhookStore } from '../../ports/store.ts';
import { WebhookAddressRefused, type WebhookSender } from '../../ports/webhook-sender.ts';
import { fail } from '../errors.ts';
import type { WebhookOutbox } from './webhook-outbox.ts';
import { newWebhookSecret } from './webhook-signature.ts';

/** After a rotation, the previous secret keeps signing this long, so receivers can switch without a gap. */
export const secretOverlapMs = 24 * 60 * 60_000;

/** Deliveries the console's log shows per endpoint. */
const deliveryLogLength = 50;

/** Attempts shown per delivery (the latest): retries stop after six, but "send again" has no end. */
const attemptLogLength = 50;

export function endpointView(row: WebhookEndpointRow, now: number): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events as WebhookEndpointView['events'],
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    failingSince: row.failingSince,
    createdAt: row.createdAt,
    previousSecretExpiresAt:
      row.previousSecretExpiresAt !== null && row.previousSecretExpiresAt > now
        ? row.previousSecretExpiresAt
        : null,
  };
}

export function deliveryView(row: WebhookDeliveryRow): WebhookDeliveryView {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.createdAt,
    nextAttemptAt: row.nextAttemptAt,
    lastAttemptAt: row.lastAttemptAt,
    lastStatus: row.lastStatus,
    lastError: row.lastError,
  };
}

/** Settings → Webhooks: admins register endpoints, rotate secrets, read the delivery log, send test events. */
export class WebhooksService {
  constructor(
    private readonly store: WebhookStore,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly sender: Pick<WebhookSender, 'checkUrl'>,
    private readonly outbox: WebhookOutbox,
  ) {}

  async list(): Promise<WebhookEndpointView[]> {
    const now = this.clock.now();
    return (await this.store.listWebhookEndpoints()).map((row) => endpointView(row, now));
  }

  async create(input: WebhookCreate): Promise<WebhookWithSecret> {
    if ((await this.store.listWebhookEndpoints()).length >= webhookLimits.maxEndpoints) {
      fail(
        'WEBHOOK_LIMIT_REACHED',
        `At most ${webhookLimits.maxEndpoints} webhook endpoints: delete one first.`,
      );
    }
    await this.checkUrl(input.url);
    const now = this.clock.now();
    const row: WebhookEndpointRow = {
      id: this.ids.next('whe'),
      url: input.url,
      description: input.description,
      events: [...new Set(input.events)],
      enabled: input.enabled,
      disabledReason: null,
      failingSince: null,
      secret: newWebhookSecret(),
      previousSecret: null,
      previousSecretExpiresAt: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.store.createWebhookEndpoint(row);
    this.outbox.forgetEndpoints();
    return { ...endpointView(row, now), secret: row.secret };
  }

  async update(id: string, input: WebhookUpdate): Promise<WebhookEndpointView> {
    const current = await this.endpoint(id);
    if (input.url !== undefined && input.url !== current.url) await this.checkUrl(input.url);
    const now = this.clock.now();
    const enabling = input.enabled === true && !current.enabled;
    const next: WebhookEndpointRow = {
      ...current,
      ...(input.url !== undefined && { url: input.url }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.events !== undefined && { events: [...new Set(input.events)] }),
      ...(input.enabled !== undefined && { enabled: input.enabled }),
      // Switched on again by an admin: the failure streak starts over, and Beckon's reason no longer applies.
      ...(enabling && { disabledReason: null, failingSince: null }),
      ...(input.enabled === false && { disabledReason: null }),
      updatedAt: now,
    };
    if (!(await this.store.updateWebhookEndpoint(next))) fail('NOT_FOUND', 'No such webhook endpoint.');
    this.outbox.forgetEndpoints();
    return endpointView(next, now);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.store.deleteWebhookEndpoint(id))) fail('NOT_FOUND', 'No such webhook endpoint.');
    this.outbox.forgetEndpoints();
  }

  /** A new secret, shown once; the old one keeps signing alongside it for `secretOverlapMs`. */
  async rotateSecret(id: string): Promise<WebhookWithSecret> {
    const current = await this.endpoint(id);
    const now = this.clock.now();
    const next: WebhookEndpointRow = {
      ...current,
      secret: newWebhookSecret(),
      previousSecret: current.secret,
      previousSecretExpiresAt: now + secretOverlapMs,
      updatedAt: now,
    };
    await this.store.updateWebhookEndpoint(next);
    return { ...endpointView(next, now), secret: next.secret };
  }

  async deliveries(id: string): Promise<WebhookDeliveryView[]> {
    await this.endpoint(id);
    return (await this.store.listWebhookDeliveries(id, deliveryLogLength)).map(deliveryView);
  }

  /** One delivery's attempts, oldest first. */
  async attempts(id: string, deliveryId: string): Promise<WebhookAttemptView[]> {
    const delivery = await this.store.getWebhookDelivery(deliveryId);
    if (!delivery || delivery.endpointId !== id) fail('NOT_FOUND', 'No such delivery for this endpoint.');
    return (await this.store.listWebhookAttempts(deliveryId, attemptLogLength)).map(
      ({ deliveryId: _delivery, ...attempt }) => attempt,
    );
  }

  /** Queues a `webhook.test` event for this endpoint alone (enabled or not: it is sent once enabled). */
  async sendTest(id: string, actorId: string): Promise<WebhookDeliveryView> {
    const endpoint = await this.endpoint(id);
    const at = this.clock.now();
    const [deliveryId] = await this.outbox.enqueue(
      {
        type: 'webhook.test',
        key: `webhook.test:${this.ids.next('tst')}`,
        at,
        data: { endpointId: id, requestedBy: actorId },
        visitorId: null,
        customerId: null,
      },
      [endpoint],
    );
    const row = deliveryId && (await this.store.getWebhookDelivery(deliveryId));
    return row ? deliveryView(row) : fail('INTERNAL', 'The test event was not queued.');
  }

  /** "Send again": a delivered or failed delivery is queued again, with the same id. */
  async resend(id: string, deliveryId: string): Promise<WebhookDeliveryView> {
    const delivery = await this.store.getWebhookDelivery(deliveryId);
    if (!delivery || delivery.endpointId !== id) fail('NOT_FOUND', 'No such delivery for this endpoint.');
    if (!(await this.store.retryWebhookDelivery(deliveryId, this.clock.now()))) {
      fail('CONFLICT', 'This delivery is still being sent.');
    }
    this.outbox.wake();
    const row = await this.store.getWebhookDelivery(deliveryId);
    return deliveryView(row!);
  }

  private async endpoint(id: string): Promise<WebhookEndpointRow> {
    return (await this.store.getWebhookEndpoint(id)) ?? fail('NOT_FOUND', 'No such webhook endpoint.');
  }

  private async checkUrl(url: string): Promise<void> {
    try {
      await this.sender.checkUrl(url);
    } catch (error) {
      if (error instanceof WebhookAddressRefused) fail('WEBHOOK_ADDRESS_REFUSED', error.message);
      throw error;
    }
  }
}
