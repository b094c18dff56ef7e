import type { OfferRow, OfferStatus } from '../../ports/store.ts';
import { offerFromRow, offerToRow } from './mappers.ts';
import type { Db } from './schema.ts';

/**
 * Offers of a conversation to an agent. `closeOffer` is a conditional write from `pending` only; a unique partial
 * index keeps one pending offer per conversation, so `createOffer` answers false when another is pending.
 */

export async function createOffer(db: Db, offer: OfferRow): Promise<boolean> {
  const result = await db
    .insertInto('offers')
    .values(offerToRow(offer))
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function getOffer(db: Db, id: string): Promise<OfferRow | undefined> {
  const row = await db.selectFrom('offers').selectAll().where('id', '=', id).executeTakeFirst();
  return row && offerFromRow(row);
}

export async function closeOffer(
  db: Db,
  id: string,
  to: Exclude<OfferStatus, 'pending'>,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('offers')
    .set({ status: to, closed_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function listOffersForConversation(db: Db, conversationId: string): Promise<OfferRow[]> {
  const rows = await db
    .selectFrom('offers')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(offerFromRow);
}

export async function listPendingOffersForAgent(db: Db, agentId: string): Promise<OfferRow[]> {
  const rows = await db
    .selectFrom('offers')
    .selectAll()
    .where('agent_id', '=', agentId)
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(offerFromRow);
}

export async function listOverdueOffers(db: Db, at: number): Promise<OfferRow[]> {
  const rows = await db
    .selectFrom('offers')
    .selectAll()
    .where('status', '=', 'pending')
    .where('expires_at', '<=', at)
    .orderBy('expires_at')
    .orderBy('id')
    .execute();
  return rows.map(offerFromRow);
}
