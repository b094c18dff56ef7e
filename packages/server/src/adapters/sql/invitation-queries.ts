import type { InvitationRow, InvitationStatus } from '../../ports/store.ts';
import { invitationFromRow, invitationToRow } from './mappers.ts';
import type { Db } from './schema.ts';

/** Invitations. `closeInvitation` is a conditional write: the once-only decision lives in the WHERE clause. */

/** False: the visitor already has a `shown` invitation (a unique partial index allows one), nothing written. */
export async function createInvitation(db: Db, invitation: InvitationRow): Promise<boolean> {
  const result = await db
    .insertInto('invitations')
    .values(invitationToRow(invitation))
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function getInvitation(db: Db, id: string): Promise<InvitationRow | undefined> {
  const row = await db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
  return row && invitationFromRow(row);
}

export async function findShownInvitation(db: Db, visitorId: string): Promise<InvitationRow | undefined> {
  const row = await db
    .selectFrom('invitations')
    .selectAll()
    .where('visitor_id', '=', visitorId)
    .where('status', '=', 'shown')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row && invitationFromRow(row);
}

export async function listInvitations(db: Db, visitorId: string, since: number): Promise<InvitationRow[]> {
  const rows = await db
    .selectFrom('invitations')
    .selectAll()
    .where('visitor_id', '=', visitorId)
    .where('created_at', '>=', since)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(invitationFromRow);
}

export async function closeInvitation(
  db: Db,
  id: string,
  to: Exclude<InvitationStatus, 'shown'>,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ status: to, closed_at: at })
    .where('id', '=', id)
    .where('status', '=', 'shown')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function listOverdueInvitations(db: Db, at: number): Promise<InvitationRow[]> {
  const rows = await db
    .selectFrom('invitations')
    .selectAll()
    .where('status', '=', 'shown')
    .where('expires_at', '<=', at)
    .orderBy('expires_at')
    .orderBy('id')
    .execute();
  return rows.map(invitationFromRow);
}
