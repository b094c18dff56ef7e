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

/** The Kysely handle and the better-sqlite3 connection under it (for the prepared hot-path statements). */
export interface SqliteConnection {
  db: Kysely<Database>;
  database: BetterSqlite3.Database;
}

export async function openSqlite(options: SqliteOptions): Promise<Kysely<Database>> {
  return (await connectSqlite(options)).db;
}

export async function connectSqlite(options: SqliteOptions): Promise<SqliteConnection> {
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return { db, database };
}

/** Distinct SQL texts kept prepared; the queries are built from a fixed set, so this is never reached. */
const statementCacheSize = 500;

/**
 * Kysely's SQLite driver prepares every query's SQL again on each execution, which costs about as much as
 * running it. Statements are reusable (better-sqlite3 runs each to completion synchronously), so each SQL text
 * is prepared once and kept.
 */
function withStatementCache(database: BetterSqlite3.Database) {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string): BetterSqlite3.Statement {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= statementCacheSize) statements.clear();
        statement = database.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
