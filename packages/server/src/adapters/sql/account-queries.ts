import type { Presence } from '@beckon/protocol';
import type { SessionRow, UserRow } from '../../ports/store.ts';
import { sessionFromRow, sessionToRow, toNumber, userFromRow, userToRow } from './mappers.ts';
import type { Db } from './schema.ts';

/** Users, sessions and presence. Plain Kysely, no SQLite-only syntax, so the PostgreSQL adapter can reuse it. */

export async function createUser(db: Db, user: UserRow): Promise<void> {
  await db.insertInto('users').values(userToRow(user)).execute();
}

export async function getUser(db: Db, id: string): Promise<UserRow | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && userFromRow(row);
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return row && userFromRow(row);
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(userFromRow);
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow();
  return toNumber(row.count);
}

export async function setUserCapacity(db: Db, id: string, capacity: number): Promise<boolean> {
  const result = await db.updateTable('users').set({ capacity }).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function createSession(db: Db, session: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(sessionToRow(session)).execute();
}

export async function getSession(db: Db, id: string): Promise<SessionRow | undefined> {
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && sessionFromRow(row);
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function setPresence(db: Db, userId: string, status: Presence, at: number): Promise<void> {
  await db
    .insertInto('presence')
    .values({ user_id: userId, status, updated_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ status, updated_at: at }))
    .execute();
}

export async function getPresence(db: Db, userId: string): Promise<Presence> {
  const row = await db
    .selectFrom('presence')
    .select('status')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  // Someone who never set a status has never been reachable.
  return (row?.status as Presence | undefined) ?? 'offline';
}
