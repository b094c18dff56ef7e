import type { AuditTrail } from '../../ports/audit-trail.ts';
import type { Clock } from '../../ports/clock.ts';
import { type Metrics, noMetrics } from '../../ports/metrics.ts';
import type { LeasedWebhookDelivery, WebhookStore } from '../../ports/store.ts';
import { WebhookAddressRefused, type WebhookSender } from '../../ports/webhook-sender.ts';
import { signedHeaders } from './webhook-signature.ts';

/** Waits before each retry after a failed attempt; after the last, the delivery is given up (`failed`). */
export const webhookRetryDelaysMs = [30_000, 2 * 60_000, 10 * 60_000, 60 * 60_000, 6 * 60 * 60_000] as const;

/** An endpoint whose every attempt has failed for this long is switched off (and the admin told). */
export const webhookDisableAfterMs = 3 * 86_400_000;

/** Deliveries leased per run; they are sent concurrently. */
const batchSize = 20;

export interface DispatcherSettings {
  /** This node's lease owner name. */
  owner: string;
  /** The sender's per-attempt timeout: a lease outlives it, so no other node takes a delivery being sent. */
  attemptTimeoutMs: number;
}

/**
 * Sends the outbox: leases due deliveries (so a delivery is sent by one node at a time, and taken over when
 * its node died mid-send), signs each attempt as Standard Webhooks says, records the outcome, and schedules
 * retries on the clock. 2xx is delivered; anything else (another status, a timeout, a refused address) is a
 * failed attempt.
 */
export class WebhookDispatcher {
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly store: WebhookStore,
    private readonly sender: WebhookSender,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly settings: DispatcherSettings,
    private readonly onError: (key: string, error: unknown) => void,
    private readonly metrics: Metrics = noMetrics,
  ) {}

  private get leaseMs(): number {
    return this.settings.attemptTimeoutMs * 2 + 30_000;
  }

  /**
   * One pass over what is due, repeated until a pass leases nothing (or a nudge arrived meanwhile); a call
   * while a pass runs waits for it (and asks for another).
   */
  run(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          // Another node may have taken part of a batch: go on until a pass finds nothing due.
          if ((await this.pass()) > 0) this.again = true;
        } while (this.again && !this.stopped);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Shutdown: no new pass starts; the one under way finishes its attempts (bounded by their timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running?.catch(() => {});
  }

  /** For the outbox's nudge: starts a run and reports rather than throws. */
  kick(): void {
    this.run().catch((error: unknown) => this.onError('webhook-dispatch', error));
  }

  private async pass(): Promise<number> {
    const leased = await this.store.leaseWebhookDeliveries(
      this.settings.owner,
      this.clock.now(),
      this.leaseMs,
      batchSize,
    );
    await Promise.all(leased.map((item) => this.attempt(item)));
    return leased.length;
  }

  private async attempt({ delivery, endpoint }: LeasedWebhookDelivery): Promise<void> {
    const sentAt = this.clock.now();
    const secrets = [endpoint.secret];
    if (endpoint.previousSecret && (endpoint.previousSecretExpiresAt ?? 0) > sentAt) {
      secrets.push(endpoint.previousSecret);
    }
    let status: number | null = null;
    let error: string | null = null;
    let response: string | null = null;
    // Wall time, not the clock port: the metric is how long the receiver really took.
    const started = performance.now();
    try {
      const answer = await this.sender.send({
        url: endpoint.url,
        headers: signedHeaders(delivery.id, sentAt, delivery.payload, secrets),
        body: delivery.payload,
      });
      status = answer.status;
      response = answer.body;
      if (status < 200 || status > 299) error = `HTTP ${status}${answer.body ? `: ${answer.body}` : ''}`;
    } catch (thrown) {
      error =
        thrown instanceof WebhookAddressRefused
          ? `Address refused: ${thrown.message}`
          : thrown instanceof Error
            ? thrown.message
            : String(thrown);
    }
    const at = this.clock.now();
    const delivered = error === null;
    const delay = webhookRetryDelaysMs[delivery.attempts];
    const durationMs = performance.now() - started;
    this.metrics.webhookAttempt(
      delivered ? 'delivered' : delay === undefined ? 'given_up' : 'retrying',
      durationMs / 1000,
    );
    const written = await this.store.finishWebhookAttempt(delivery.id, this.settings.owner, {
      at,
      delivered,
      status,
      error: error?.slice(0, 500) ?? null,
      startedAt: sentAt,
      durationMs,
      response: response === null ? null : response.slice(0, 500),
      ...(!delivered && delay !== undefined && { retryAt: at + delay }),
    });
    if (!written || delivered) return;
    const failingSince = endpoint.failingSince;
    if (failingSince !== null && at - failingSince >= webhookDisableAfterMs) {
      if (await this.store.disableFailingWebhookEndpoint(endpoint.id, failingSince, at)) {
        await this.audit.record({
          actorId: null,
          action: 'webhook.disabled',
          targetType: 'webhook',
          targetId: endpoint.id,
          details: { reason: 'failing', failingSince },
        });
        this.onError(
          `webhook-disabled:${endpoint.id}`,
          new Error(`every attempt failed since ${failingSince}`),
        );
      }
    }
  }
}
