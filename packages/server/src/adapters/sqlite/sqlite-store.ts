import { openMigrated, SqlStore } from '../sql/sql-store.ts';
import { openSqlite, type SqliteOptions } from './connection.ts';

/**
 * The embedded store: one better-sqlite3 connection behind Kysely. Kysely's SQLite driver hands the connection
 * to one query or transaction at a time, which is what makes seq allocation and conditional writes safe here.
 */
export class SqliteStore extends SqlStore {}

/**
 * Opens (creating if needed) the database and applies pending migrations, so the store is ready to use;
 * calling `migrate()` again is harmless.
 */
export async function createSqliteStore(options: SqliteOptions): Promise<SqliteStore> {
  return openMigrated(new SqliteStore(await openSqlite(options)));
}
