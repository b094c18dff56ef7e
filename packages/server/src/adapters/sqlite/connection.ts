import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../sql/schema.ts';

export interface SqliteOptions {
  /** A file path (its directory is created) or `:memory:`. */
  file: string;
}

/** How long a write waits for another process's lock (e.g. a backup tool) before failing with SQLITE_BUSY. */
const busyTimeoutMs = 5_000;

export async function openSqlite(options: SqliteOptions): Promise<Kysely<Database>> {
  const inMemory = options.file === ':memory:';
  if (!inMemory) await mkdir(dirname(resolve(options.file)), { recursive: true });
  const database = new BetterSqlite3(options.file);
  // Enforced on every connection, in memory too, so tests catch orphan rows exactly as production would.
  database.pragma('foreign_keys = ON');
  if (!inMemory) {
    // WAL lets readers proceed during a write. `synchronous` stays at its FULL default: a message is
    // acknowledged only once stored, and NORMAL could lose the last commits on an OS crash.
    database.pragma('journal_mode = WAL');
    database.pragma(`busy_timeout = ${busyTimeoutMs}`);
  }
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}
