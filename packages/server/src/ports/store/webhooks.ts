/**
 * Webhooks: the endpoints admins register and the durable outbox of deliveries (one row per event and
 * endpoint). A delivery is leased by one dispatcher at a time (a conditional write on the lease), so several
 * nodes never send the same delivery at once; a lease that runs out (a node died mid-send) is taken again.
 */

export interface WebhookEndpointRow {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  /** `failing` when Beckon switched the endpoint off after a long run of failed attempts. */
  disabledReason: 'failing' | null;
  failingSince: number | null;
  /** Standard Webhooks secret (`whsec_…`): kept as is, since every delivery is signed with it. */
  secret: string;
  /** After a rotation, the previous secret also signs until `previousSecretExpiresAt`. */
  previousSecret: string | null;
  previousSecretExpiresAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDeliveryRow {
  /** The Standard Webhooks message id (`webhook-id`): the same on every attempt. */
  id: string;
  endpointId: string;
  /** Makes the outbox idempotent: one delivery per endpoint and event key, however often it is offered. */
  eventKey: string;
  eventType: string;
  /** The JSON body sent, bounded when it was written. */
  payload: string;
  /** Whose personal data the payload carries: erasure removes their deliveries. */
  visitorId: string | null;
  customerId: string | null;
  status: WebhookDeliveryStatus;
  attempts: number;
  createdAt: number;
  nextAttemptAt: number | null;
  lastAttemptAt: number | null;
  lastStatus: number | null;
  lastError: string | null;
  finishedAt: number | null;
}

export type NewWebhookDelivery = Pick<
  WebhookDeliveryRow,
  'id' | 'endpointId' | 'eventKey' | 'eventType' | 'payload' | 'visitorId' | 'customerId' | 'createdAt'
>;

/** A leased delivery with what sending it needs. */
export interface LeasedWebhookDelivery {
  delivery: WebhookDeliveryRow;
  endpoint: WebhookEndpointRow;
}

/** How one attempt ended: delivered, to be retried at `retryAt`, or given up (`retryAt` absent). */
export interface WebhookAttemptOutcome {
  /** When the answer (or the failure) came. */
  at: number;
  delivered: boolean;
  retryAt?: number;
  status: number | null;
  error: string | null;
  /** When the request was sent, and how long the receiver took (wall time). */
  startedAt: number;
  durationMs: number;
  /** The start of the receiver's answer, bounded by the sender; null when none came. */
  response: string | null;
}

/** One attempt of a delivery, as its history keeps it. */
export interface WebhookAttemptRow {
  deliveryId: string;
  /** 1, 2, …: counted over the delivery's whole life, "send again" included. */
  attempt: number;
  startedAt: number;
  durationMs: number;
  status: number | null;
  error: string | null;
  response: string | null;
  /** The node (lease owner) that sent it. */
  node: string;
}

export interface WebhookStore {
  createWebhookEndpoint(row: WebhookEndpointRow): Promise<void>;
  /** Replaces the endpoint's row (its deliveries stay). False when it does not exist. */
  updateWebhookEndpoint(row: WebhookEndpointRow): Promise<boolean>;
  getWebhookEndpoint(id: string): Promise<WebhookEndpointRow | undefined>;
  listWebhookEndpoints(): Promise<WebhookEndpointRow[]>;
  /** Deletes the endpoint with its deliveries and their attempts. */
  deleteWebhookEndpoint(id: string): Promise<boolean>;
  /** Inserts the deliveries; one whose (endpoint, event key) is already there is skipped. Counts the new ones. */
  enqueueWebhookDeliveries(rows: NewWebhookDelivery[]): Promise<number>;
  /**
   * Leases up to `limit` pending deliveries due at `now` of enabled endpoints, oldest first, whose lease is
   * free or ran out: each is taken by a conditional write, so a delivery goes to one caller at a time.
   */
  leaseWebhookDeliveries(
    owner: string,
    now: number,
    leaseMs: number,
    limit: number,
  ): Promise<LeasedWebhookDelivery[]>;
  /**
   * Records an attempt of a delivery this owner still leases (its outcome on the delivery, and a row in its
   * attempt history) and frees the lease; false (nothing written) when the lease was lost. Success clears the
   * endpoint's failure streak; a failure starts it if none runs.
   */
  finishWebhookAttempt(id: string, owner: string, outcome: WebhookAttemptOutcome): Promise<boolean>;
  /** Switches off an endpoint still failing since `failingSince` (false when it recovered meanwhile). */
  disableFailingWebhookEndpoint(id: string, failingSince: number, at: number): Promise<boolean>;
  /** The endpoint's deliveries, newest first. */
  listWebhookDeliveries(endpointId: string, limit: number): Promise<WebhookDeliveryRow[]>;
  getWebhookDelivery(id: string): Promise<WebhookDeliveryRow | undefined>;
  /** The delivery's attempts, oldest first; at most `limit` (the latest ones). */
  listWebhookAttempts(deliveryId: string, limit: number): Promise<WebhookAttemptRow[]>;
  /** Queues a finished delivery again, due at `at`, with its attempts counted from zero. */
  retryWebhookDelivery(id: string, at: number): Promise<boolean>;
  /** Delivered or failed deliveries finished before `before`, with their attempts (retention); at most `limit`. */
  purgeWebhookDeliveries(before: number, limit: number): Promise<number>;
}
