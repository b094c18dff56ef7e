import { type InferResult, sql } from 'kysely';
import type { OfferRow, OfferStatus, OfferStore, RoutingState } from '../../../ports/store.ts';
import { conversationRow } from '../last-seq.ts';
import { conversationFromRow, offerFromRow, offerToRow, toNumber } from '../mappers.ts';
import type { Db } from '../schema.ts';
import { queueFromRow } from './queues.ts';

/**
 * Inserts the offer unless its conversation already has a pending one (a unique partial index allows one): false,
 * nothing written. Offers are only created through `SqlCapacity`, inside its per-agent capacity check.
 */
export async function insertOffer(db: Db, offer: OfferRow): Promise<boolean> {
  const result = await db
    .insertInto('offers')
    .values(offerToRow(offer))
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/**
 * Offers of a conversation to an agent. `closeOffer` is a conditional write from `pending` only. The missed-offer
 * count behind presence Inactive is kept on the agent's row, so every node counts the same timeouts.
 */
export class SqlOffers implements OfferStore {
  constructor(private readonly db: Db) {}

  async getOffer(id: string): Promise<OfferRow | undefined> {
    const row = await this.db.selectFrom('offers').selectAll().where('id', '=', id).executeTakeFirst();
    return row && offerFromRow(row);
  }

  async closeOffer(id: string, to: Exclude<OfferStatus, 'pending'>, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('offers')
      .set({ status: to, closed_at: at })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async listOffersForConversation(conversationId: string): Promise<OfferRow[]> {
    const rows = await this.db
      .selectFrom('offers')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(offerFromRow);
  }

  async getRoutingState(conversationId: string): Promise<RoutingState | undefined> {
    return routingStateFromRows(await routingStateQuery(this.db, conversationId).execute());
  }

  async listPendingOffersForAgent(agentId: string): Promise<OfferRow[]> {
    const rows = await this.db
      .selectFrom('offers')
      .selectAll()
      .where('agent_id', '=', agentId)
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(offerFromRow);
  }

  async listOverdueOffers(at: number): Promise<OfferRow[]> {
    const rows = await this.db
      .selectFrom('offers')
      .selectAll()
      .where('status', '=', 'pending')
      .where('expires_at', '<=', at)
      .orderBy('expires_at')
      .orderBy('id')
      .execute();
    return rows.map(offerFromRow);
  }

  /** One more offer timed out for the agent; the count after it. */
  async recordMissedOffer(agentId: string): Promise<number> {
    const row = await this.db
      .updateTable('users')
      .set({ missed_offers: sql<number>`${sql.ref('missed_offers')} + 1` })
      .where('id', '=', agentId)
      .returning('missed_offers')
      .executeTakeFirst();
    return row ? toNumber(row.missed_offers) : 0;
  }

  async resetMissedOffers(agentId: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ missed_offers: 0 })
      .where('id', '=', agentId)
      .where('missed_offers', '<>', 0)
      .execute();
  }
}

/**
 * One row per offer (one with no offer columns when there is none), the conversation, its queue and its widget's
 * offer deadline repeated on each: one statement where routing took four, and plain joins, so the same SQL on
 * SQLite and PostgreSQL.
 */
export function routingStateQuery(db: Db, conversationId: string) {
  return db
    .selectFrom('conversations')
    .leftJoin('queues', 'queues.id', 'conversations.queue_id')
    .leftJoin('offers', 'offers.conversation_id', 'conversations.id')
    .leftJoin('widgets', 'widgets.id', 'conversations.widget_id')
    .select(conversationRow)
    .select([
      'widgets.offer_timeout_seconds as w_offer_timeout_seconds',
      'queues.id as q_id',
      'queues.name as q_name',
      'queues.assignment_method as q_assignment_method',
      'queues.offer_timeout_seconds as q_offer_timeout_seconds',
      'queues.auto_assign as q_auto_assign',
      'offers.id as o_id',
      'offers.agent_id as o_agent_id',
      'offers.status as o_status',
      'offers.created_at as o_created_at',
      'offers.expires_at as o_expires_at',
      'offers.closed_at as o_closed_at',
    ])
    .where('conversations.id', '=', conversationId)
    .orderBy('offers.created_at')
    .orderBy('offers.id');
}

export function routingStateFromRows(
  rows: InferResult<ReturnType<typeof routingStateQuery>>,
): RoutingState | undefined {
  const first = rows[0];
  if (!first) return undefined;
  const queue =
    first.q_id === null
      ? undefined
      : queueFromRow({
          id: first.q_id,
          name: first.q_name!,
          assignment_method: first.q_assignment_method!,
          offer_timeout_seconds: first.q_offer_timeout_seconds,
          auto_assign: first.q_auto_assign!,
        });
  const offers = rows.flatMap((row) =>
    row.o_id === null
      ? []
      : [
          offerFromRow({
            id: row.o_id,
            conversation_id: row.id,
            agent_id: row.o_agent_id!,
            status: row.o_status!,
            created_at: row.o_created_at!,
            expires_at: row.o_expires_at!,
            closed_at: row.o_closed_at,
          }),
        ],
  );
  const widgetSeconds = first.w_offer_timeout_seconds;
  return {
    conversation: conversationFromRow(first),
    ...(queue ? { queue } : {}),
    offers,
    ...(widgetSeconds !== null && { widgetOfferTimeoutSeconds: toNumber(widgetSeconds) }),
  };
}
