import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { describeBlobStoreContract } from '../../ports/blob-store.contract.ts';
import { openSqlite } from '../sqlite/connection.ts';
import { migrateToLatest } from './migrations.ts';
import { SqlBlobStore } from './sql-blob-store.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'beckon-sql-blobs-'));
let n = 0;

afterAll(() => rmSync(root, { recursive: true, force: true }));

// The SQL blob store runs on PostgreSQL in production (test-scale/postgres-store.test.ts); on SQLite here, two
// connections to one file stand for two nodes.
describeBlobStoreContract('SQL (SQLite file)', async () => {
  const file = path.join(root, `blobs-${++n}.sqlite`);
  const [one, two] = [await openSqlite({ file }), await openSqlite({ file })];
  await migrateToLatest(one);
  return [
    new SqlBlobStore(
      one,
      () => 1,
      () => one.destroy(),
    ),
    new SqlBlobStore(
      two,
      () => 2,
      () => two.destroy(),
    ),
  ];
});
