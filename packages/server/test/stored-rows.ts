import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/**
 * Rows of a node's SQLite file (in `dataDir`), read on a connection of their own: for tests that check what the
 * node wrote where no store method reads it back (wrap-up notes, socket records).
 */
export function storedRows<Row>(dataDir: string, query: string, ...params: unknown[]): Row[] {
  const database = new BetterSqlite3(path.join(dataDir, 'beckon.sqlite'), { readonly: true });
  try {
    return database.prepare(query).all(...params) as Row[];
  } finally {
    database.close();
  }
}
