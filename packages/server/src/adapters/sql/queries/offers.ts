import { sql } from 'kysely';
import type { OfferRow, OfferStatus, OfferStore } from '../../../ports/store.ts';
import { offerFromRow, offerToRow, toNumber } from '../mappers.ts';
import type { Db } from '../schema.ts';

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
