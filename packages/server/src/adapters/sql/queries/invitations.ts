import type { InvitationRow, InvitationStatus, InvitationStore } from '../../../ports/store.ts';
import { invitationFromRow, invitationToRow } from '../mappers.ts';
import type { Db } from '../schema.ts';

/**
 * Invitations. `closeInvitation` is a conditional write: the once-only decision lives in the WHERE clause; a unique
 * partial index allows one `shown` invitation per visitor, so `createInvitation` answers false for a second.
 */
export class SqlInvitations implements InvitationStore {
  constructor(private readonly db: Db) {}

  /** False: the visitor already has a `shown` invitation (a unique partial index allows one), nothing written. */
  async createInvitation(invitation: InvitationRow): Promise<boolean> {
    const result = await this.db
      .insertInto('invitations')
      .values(invitationToRow(invitation))
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async getInvitation(id: string): Promise<InvitationRow | undefined> {
    const row = await this.db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && invitationFromRow(row);
  }

  async findShownInvitation(visitorId: string): Promise<InvitationRow | undefined> {
    const row = await this.db
      .selectFrom('invitations')
      .selectAll()
      .where('visitor_id', '=', visitorId)
      .where('status', '=', 'shown')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row && invitationFromRow(row);
  }

  async closeInvitation(id: string, to: Exclude<InvitationStatus, 'shown'>, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('invitations')
      .set({ status: to, closed_at: at })
      .where('id', '=', id)
      .where('status', '=', 'shown')
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async listInvitations(visitorId: string, since: number): Promise<InvitationRow[]> {
    const rows = await this.db
      .selectFrom('invitations')
      .selectAll()
      .where('visitor_id', '=', visitorId)
      .where('created_at', '>=', since)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(invitationFromRow);
  }

  async listOverdueInvitations(at: number): Promise<InvitationRow[]> {
    const rows = await this.db
      .selectFrom('invitations')
      .selectAll()
      .where('status', '=', 'shown')
      .where('expires_at', '<=', at)
      .orderBy('expires_at')
      .orderBy('id')
      .execute();
    return rows.map(invitationFromRow);
  }
}
