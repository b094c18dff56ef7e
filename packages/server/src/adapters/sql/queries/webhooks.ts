// Over 300 lines: the webhook outbox in one place: endpoints, the lease that keeps deliveries once-only, the log.
import type { Selectable } from 'kysely';
import type {
  LeasedWebhookDelivery,
  NewWebhookDelivery,
  WebhookAttemptOutcome,
  WebhookAttemptRow,
  WebhookDeliveryRow,
  WebhookDeliveryStatus,
  WebhookEndpointRow,
  WebhookStore,
} from '../../../ports/store.ts';
import { toNumber } from '../mappers.ts';
import type { Db, WebhookDeliveriesTable, WebhookEndpointsTable } from '../schema.ts';

const orNull = (value: number | string | bigint | null): number | null =>
  value === null ? null : toNumber(value);

function endpointFromRow(row: Selectable<WebhookEndpointsTable>): WebhookEndpointRow {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: JSON.parse(row.events) as string[],
    enabled: toNumber(row.enabled) === 1,
    disabledReason: row.disabled_reason === 'failing' ? 'failing' : null,
    failingSince: orNull(row.failing_since),
    secret: row.secret,
    previousSecret: row.previous_secret,
    previousSecretExpiresAt: orNull(row.previous_secret_expires_at),
    createdAt: toNumber(row.created_at),
    updatedAt: toNumber(row.updated_at),
  };
}

function endpointToRow(row: WebhookEndpointRow) {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: JSON.stringify(row.events),
    enabled: row.enabled ? 1 : 0,
    disabled_reason: row.disabledReason,
    failing_since: row.failingSince,
    secret: row.secret,
    previous_secret: row.previousSecret,
    previous_secret_expires_at: row.previousSecretExpiresAt,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

function deliveryFromRow(row: Selectable<WebhookDeliveriesTable>): WebhookDeliveryRow {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventKey: row.event_key,
    eventType: row.event_type,
    payload: row.payload,
    visitorId: row.visitor_id,
    customerId: row.customer_id,
    status: row.status as WebhookDeliveryStatus,
    attempts: toNumber(row.attempts),
    createdAt: toNumber(row.created_at),
    nextAttemptAt: orNull(row.next_attempt_at),
    lastAttemptAt: orNull(row.last_attempt_at),
    lastStatus: orNull(row.last_status),
    lastError: row.last_error,
    finishedAt: orNull(row.finished_at),
  };
}

/**
 * Webhook endpoints and the delivery outbox. Leasing is a conditional UPDATE per candidate row (free or lapsed
 * lease, still pending): under concurrent dispatchers exactly one UPDATE matches, on SQLite (one writer) and on
 * PostgreSQL (the losing UPDATE re-checks the row after the winner commits and matches nothing).
 */
export class SqlWebhooks implements WebhookStore {
  constructor(private readonly db: Db) {}

  async createWebhookEndpoint(row: WebhookEndpointRow): Promise<void> {
    await this.db.insertInto('webhook_endpoints').values(endpointToRow(row)).execute();
  }

  async updateWebhookEndpoint(row: WebhookEndpointRow): Promise<boolean> {
    const { id, created_at: _created, ...rest } = endpointToRow(row);
    const result = await this.db
      .updateTable('webhook_endpoints')
      .set(rest)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async getWebhookEndpoint(id: string): Promise<WebhookEndpointRow | undefined> {
    const row = await this.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && endpointFromRow(row);
  }

  async listWebhookEndpoints(): Promise<WebhookEndpointRow[]> {
    const rows = await this.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(endpointFromRow);
  }

  deleteWebhookEndpoint(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom('webhook_attempts')
        .where(
          'delivery_id',
          'in',
          tx.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', id),
        )
        .execute();
      await tx.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
      const result = await tx.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  async enqueueWebhookDeliveries(rows: NewWebhookDelivery[]): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await this.db
      .insertInto('webhook_deliveries')
      .values(
        rows.map((row) => ({
          id: row.id,
          endpoint_id: row.endpointId,
          event_key: row.eventKey,
          event_type: row.eventType,
          payload: row.payload,
          visitor_id: row.visitorId,
          customer_id: row.customerId,
          status: 'pending',
          attempts: 0,
          created_at: row.createdAt,
          next_attempt_at: row.createdAt,
          last_attempt_at: null,
          last_status: null,
          last_error: null,
          finished_at: null,
          lease_owner: null,
          lease_expires_at: null,
        })),
      )
      .onConflict((oc) => oc.columns(['endpoint_id', 'event_key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0);
  }

  async leaseWebhookDeliveries(
    owner: string,
    now: number,
    leaseMs: number,
    limit: number,
  ): Promise<LeasedWebhookDelivery[]> {
    const candidates = await this.db
      .selectFrom('webhook_deliveries')
      .innerJoin('webhook_endpoints', 'webhook_endpoints.id', 'webhook_deliveries.endpoint_id')
      .select('webhook_deliveries.id as id')
      .where('webhook_deliveries.status', '=', 'pending')
      .where('webhook_deliveries.next_attempt_at', '<=', now)
      .where('webhook_endpoints.enabled', '=', 1)
      .where((eb) =>
        eb.or([
          eb('webhook_deliveries.lease_expires_at', 'is', null),
          eb('webhook_deliveries.lease_expires_at', '<=', now),
        ]),
      )
      .orderBy('webhook_deliveries.next_attempt_at')
      .orderBy('webhook_deliveries.created_at')
      .limit(limit)
      .execute();
    const leased: LeasedWebhookDelivery[] = [];
    for (const { id } of candidates) {
      const won = await this.db
        .updateTable('webhook_deliveries')
        .set({ lease_owner: owner, lease_expires_at: now + leaseMs })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        // Checked again: another node may have sent it and scheduled its retry since the candidates were read.
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<=', now)]))
        .executeTakeFirst();
      if (Number(won.numUpdatedRows) === 0) continue;
      const row = await this.db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      const endpoint = row && (await this.getWebhookEndpoint(row.endpoint_id));
      if (row && endpoint) leased.push({ delivery: deliveryFromRow(row), endpoint });
    }
    return leased;
  }

  finishWebhookAttempt(id: string, owner: string, outcome: WebhookAttemptOutcome): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const current = await tx
        .selectFrom('webhook_deliveries')
        .select(['attempts', 'endpoint_id'])
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (!current) return false;
      const finished = outcome.delivered || outcome.retryAt === undefined;
      const status: WebhookDeliveryStatus = outcome.delivered ? 'delivered' : finished ? 'failed' : 'pending';
      const written = await tx
        .updateTable('webhook_deliveries')
        .set({
          status,
          attempts: toNumber(current.attempts) + 1,
          last_attempt_at: outcome.at,
          last_status: outcome.status,
          last_error: outcome.error,
          next_attempt_at: finished ? null : (outcome.retryAt ?? null),
          finished_at: finished ? outcome.at : null,
          lease_owner: null,
          lease_expires_at: null,
        })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(written.numUpdatedRows) === 0) return false;
      // Numbered over the delivery's whole life: "send again" counts `attempts` from zero, the history does not.
      const last = await tx
        .selectFrom('webhook_attempts')
        .select((eb) => eb.fn.max('attempt').as('attempt'))
        .where('delivery_id', '=', id)
        .executeTakeFirst();
      await tx
        .insertInto('webhook_attempts')
        .values({
          delivery_id: id,
          attempt: toNumber(last?.attempt ?? 0) + 1,
          started_at: outcome.startedAt,
          duration_ms: Math.max(0, Math.round(outcome.durationMs)),
          status: outcome.status,
          error: outcome.error,
          response: outcome.response,
          node: owner,
        })
        .execute();
      if (outcome.delivered) {
        await tx
          .updateTable('webhook_endpoints')
          .set({ failing_since: null })
          .where('id', '=', current.endpoint_id)
          .execute();
      } else {
        await tx
          .updateTable('webhook_endpoints')
          .set({ failing_since: outcome.at })
          .where('id', '=', current.endpoint_id)
          .where('failing_since', 'is', null)
          .execute();
      }
      return true;
    });
  }

  async disableFailingWebhookEndpoint(id: string, failingSince: number, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('webhook_endpoints')
      .set({ enabled: 0, disabled_reason: 'failing', updated_at: at })
      .where('id', '=', id)
      .where('enabled', '=', 1)
      .where('failing_since', '=', failingSince)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async listWebhookDeliveries(endpointId: string, limit: number): Promise<WebhookDeliveryRow[]> {
    const rows = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('endpoint_id', '=', endpointId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(deliveryFromRow);
  }

  async getWebhookDelivery(id: string): Promise<WebhookDeliveryRow | undefined> {
    const row = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && deliveryFromRow(row);
  }

  async listWebhookAttempts(deliveryId: string, limit: number): Promise<WebhookAttemptRow[]> {
    const rows = await this.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('delivery_id', '=', deliveryId)
      .orderBy('attempt', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse().map((row) => ({
      deliveryId: row.delivery_id,
      attempt: toNumber(row.attempt),
      startedAt: toNumber(row.started_at),
      durationMs: toNumber(row.duration_ms),
      status: orNull(row.status),
      error: row.error,
      response: row.response,
      node: row.node,
    }));
  }

  async retryWebhookDelivery(id: string, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('webhook_deliveries')
      .set({
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        finished_at: null,
        lease_owner: null,
        lease_expires_at: null,
      })
      .where('id', '=', id)
      .where('status', 'in', ['delivered', 'failed'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async purgeWebhookDeliveries(before: number, limit: number): Promise<number> {
    const ids = await this.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('status', 'in', ['delivered', 'failed'])
      .where('finished_at', '<', before)
      .orderBy('finished_at')
      .limit(limit)
      .execute();
    if (ids.length === 0) return 0;
    const doomed = ids.map((row) => row.id);
    return this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('webhook_attempts').where('delivery_id', 'in', doomed).execute();
      const result = await tx.deleteFrom('webhook_deliveries').where('id', 'in', doomed).executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }
}
