import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../sql/schema.ts';

/** The part of `pg.Pool` the statements sent past Kysely need (named prepared statements). */
export interface Queryable {
  query<Row extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<Row>>;
}

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database`; query parameters such as `sslmode` are passed to `pg`. */
  url: string;
  /** Connections this node may hold. Each node has its own pool, so the server's limit bounds nodes × this. */
  maxConnections?: number;
  /**
   * Told when an idle pooled connection fails (the server restarted, the network dropped). The pool replaces it
   * on next use; without a listener `pg` would crash the process on that event.
   */
  onError?: (error: Error) => void;
}

const defaultMaxConnections = 10;
/**
 * How long a query waits for a connection (a new one to an unreachable host, or a free one in a busy pool)
 * before failing. pg's default is forever, which would hang requests and `/readyz` instead of answering 503.
 */
const connectionTimeoutMs = 10_000;

export interface PostgresConnection {
  db: Kysely<Database>;
  /** The pool behind `db`, for statements Kysely cannot send (named prepared statements); `db` ends it. */
  pool: pg.Pool;
}

export function openPostgres(options: PostgresOptions): PostgresConnection {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? defaultMaxConnections,
    connectionTimeoutMillis: connectionTimeoutMs,
  });
  const onError = options.onError ?? (() => {});
  pool.on('error', onError);
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool };
}
