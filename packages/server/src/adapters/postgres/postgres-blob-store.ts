import { SqlBlobStore } from '../sql/sql-blob-store.ts';
import { openPostgres, type PostgresOptions } from './connection.ts';

/** Connections of the blob store's own pool: a large file never holds one the chat's hot path waits for. */
const blobConnections = 4;

/**
 * File bytes in PostgreSQL, so every node serves every file. The table is the store's (migration 0024): open
 * the store first, which migrates.
 */
export function createPostgresBlobStore(options: PostgresOptions, now: () => number): SqlBlobStore {
  const { db } = openPostgres({ ...options, maxConnections: options.maxConnections ?? blobConnections });
  return new SqlBlobStore(db, now, () => db.destroy());
}
