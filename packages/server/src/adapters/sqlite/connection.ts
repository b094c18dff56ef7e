import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { makeDirectory } from '../../data-dir.ts';
import type { Database } from '../sql/schema.ts';
import type { WalBound } from './checkpointer.ts';

export interface SqliteOptions {
  /** A file path (its directory is created) or `:memory:`. */
  file: string;
  /**
   * `full` (the default): every commit waits for the disk, so an acknowledged message survives an OS crash or
   * power loss. `normal`: commits survive a crash of the process but the last ones can be lost with the OS.
   * Page views use `normal` either way (`HotStatements.recordPageView`, ADR 0003).
   */
  synchronous?: 'full' | 'normal';
  /** Told when a background flush of the log fails (telemetry commits do not wait for it). */
  onBackgroundError?: (error: unknown) => void;
  /** How the write-ahead log is kept small (tests pick small figures); file databases only. */
  wal?: WalBound;
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
  if (!inMemory) makeDirectory(dirname(resolve(options.file)));
  const database = new BetterSqlite3(options.file);
  // Enforced on every connection, in memory too, so tests catch orphan rows exactly as production would.
  database.pragma('foreign_keys = ON');
  if (!inMemory) {
    // WAL lets readers proceed during a write. `synchronous` is set explicitly: better-sqlite3 is built with
    // SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so in WAL mode it would otherwise be NORMAL, and a message acknowledged
    // as stored could be lost with the OS (ADR 0003).
    database.pragma('journal_mode = WAL');
    database.pragma(`synchronous = ${options.synchronous ?? 'full'}`);
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
