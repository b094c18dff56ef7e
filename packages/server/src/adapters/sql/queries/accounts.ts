import type { AccountStore, SessionRow, UserRow } from '../../../ports/store.ts';
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
}
