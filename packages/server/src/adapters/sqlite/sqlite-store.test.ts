import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from '../../ports/store.contract.ts';
import { createSqliteStore } from './sqlite-store.ts';

describeStoreContract('SQLite in memory', () => createSqliteStore({ file: ':memory:' }));

describe('SQLite on disk', () => {
  let dir = '';
  let counter = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'beckon-sqlite-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // A new file per test: the contract expects an empty store each time.
  describeStoreContract('SQLite file', () => {
    counter += 1;
    return createSqliteStore({ file: join(dir, `store-${counter}.sqlite`) });
  });

  it('creates missing parent directories and keeps data across reopen', async () => {
    const file = join(dir, 'nested', 'deeper', 'beckon.sqlite');
    const first = await createSqliteStore({ file });
    await first.createQueue({ id: 'que_1', name: 'Support' });
    // The write-ahead log beside the database shows WAL mode is on.
    expect(await readdir(join(dir, 'nested', 'deeper'))).toContain('beckon.sqlite-wal');
    await first.close();

    const second = await createSqliteStore({ file });
    expect(await second.listQueues()).toEqual([
      { id: 'que_1', name: 'Support', assignmentMethod: 'most-free', autoAssign: false },
    ]);
    await second.close();
  });

  it('enforces foreign keys', async () => {
    const store = await createSqliteStore({ file: join(dir, 'fk.sqlite') });
    try {
      await expect(
        store.createSession({ id: 's', userId: 'usr_missing', createdAt: 0, expiresAt: 1 }),
      ).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await store.close();
    }
  });
});
