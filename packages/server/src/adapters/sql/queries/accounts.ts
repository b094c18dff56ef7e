import type { Role } from '@beckon/protocol';
import type { AccountStore, SessionRow, UserChange, UserRow } from '../../../ports/store.ts';
import { sessionFromRow, sessionToRow, toNumber, userFromRow, userToRow } from '../mappers.ts';
import type { Db } from '../schema.ts';

/** Users and sessions. Plain Kysely, no dialect-only syntax, as every module here. */
export class SqlAccounts implements AccountStore {
  constructor(private readonly db: Db) {}

  async createUser(user: UserRow): Promise<void> {
    await this.db.insertInto('users').values(userToRow(user)).execute();
  }

  async getUser(id: string): Promise<UserRow | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && userFromRow(row);
  }

  async findUserByEmail(email: string): Promise<UserRow | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
    return row && userFromRow(row);
  }

  async listUsers(): Promise<UserRow[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(userFromRow);
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('count'))
      .executeTakeFirstOrThrow();
    return toNumber(row.count);
  }

  async setUserCapacity(id: string, capacity: number): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({ capacity })
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async createSession(session: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(sessionToRow(session)).execute();
  }

  async getSession(id: string): Promise<SessionRow | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && sessionFromRow(row);
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async updateUser(id: string, change: UserChange): Promise<boolean> {
    const set: Record<string, string | number> = {};
    if (change.name !== undefined) set.name = change.name;
    if (change.email !== undefined) set.email = change.email.toLowerCase();
    if (change.role !== undefined) set.role = change.role;
    if (change.status !== undefined) set.status = change.status;
    if (change.passwordHash !== undefined) set.password_hash = change.passwordHash;
    if (change.passwordChangeRequired !== undefined)
      set.password_change_required = change.passwordChangeRequired ? 1 : 0;
    if (change.lastSignInAt !== undefined) set.last_sign_in_at = change.lastSignInAt;
    if (Object.keys(set).length === 0) return (await this.getUser(id)) !== undefined;
    const result = await this.db.updateTable('users').set(set).where('id', '=', id).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async countActiveUsers(role: Role): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('role', '=', role)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return toNumber(row.count);
  }

  async deleteUserSessions(userId: string, exceptId?: string): Promise<string[]> {
    let query = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
    const rows = await query.returning('id').execute();
    return rows.map((row) => row.id);
  }

  async anonymiseAgentMessages(userId: string, name: string): Promise<void> {
    const held = this.db.selectFrom('conversations').select('id').where('agent_id', '=', userId);
    const offered = this.db
      .selectFrom('offers')
      .select('conversation_id as id')
      .where('agent_id', '=', userId);
    await this.db
      .updateTable('messages')
      .set({ author_name: null })
      .where('author', '=', 'agent')
      .where('author_name', '=', name)
      .where((eb) => eb.or([eb('conversation_id', 'in', held), eb('conversation_id', 'in', offered)]))
      .execute();
  }
}
