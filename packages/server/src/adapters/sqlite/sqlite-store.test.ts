import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStoreContract } from '../../ports/store.contract.ts';
import { invitation, seedVisitor, t0 } from '../../ports/store-contract/fixtures.ts';
import { checkOneOpenConversationMigration } from '../sql/migration-cases/one-open-conversation.ts';
import { openMigrated } from '../sql/sql-store.ts';
import { connectSqlite } from './connection.ts';
import { createSqliteStore, SqliteStore } from './sqlite-store.ts';

describeStoreContract('SQLite in memory', () => createSqliteStore({ file: ':memory:' }));

it('closes the duplicate open conversations of a database from before one per visitor was enforced', async () => {
  const { db } = await connectSqlite({ file: ':memory:' });
  try {
    await checkOneOpenConversationMigration(db);
  } finally {
    await db.destroy();
  }
});

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

  it('sets synchronous explicitly: FULL by default, NORMAL when asked (better-sqlite3 would pick NORMAL)', async () => {
    const mode = async (synchronous?: 'full' | 'normal') => {
      const connection = await connectSqlite({ file: join(dir, `mode-${synchronous}.sqlite`), synchronous });
      const value = connection.database.pragma('synchronous', { simple: true });
      connection.database.close();
      return value;
    };
    expect([await mode(), await mode('full'), await mode('normal')]).toEqual([2, 2, 1]);
  });

  it('commits page views without waiting for the disk, and every other write with it (ADR 0003)', async () => {
    const connection = await connectSqlite({ file: join(dir, 'sync.sqlite') });
    const store = await openMigrated(new SqliteStore(connection));
    const modes: unknown[] = [];
    const pragma = connection.database.pragma.bind(connection.database);
    connection.database.pragma = ((source: string, options?: object) => {
      if (source.startsWith('synchronous =')) modes.push(source);
      return pragma(source, options);
    }) as typeof connection.database.pragma;
    try {
      const full = 2;
      expect(connection.database.pragma('synchronous', { simple: true })).toBe(full);
      await seedVisitor(store);
      await store.recordPageView({ id: 'pv_1', visitorId: 'vis_1', url: 'https://s/a', title: 'A', at: t0 });
      expect(modes).toEqual(['synchronous = NORMAL', `synchronous = ${full}`]);
      expect(connection.database.pragma('synchronous', { simple: true })).toBe(full);
      expect((await store.listPageViews('vis_1', 0)).map((view) => view.id)).toEqual(['pv_1']);
      // Invitations and tracked events are proactive telemetry too; everything else keeps the durable mode.
      modes.length = 0;
      expect(await store.createInvitation(invitation({ id: 'inv_1' }))).toBe(true);
      expect(await store.closeInvitation('inv_1', 'dismissed', t0 + 1)).toBe(true);
      await store.addVisitEvent({
        id: 've_1',
        visitorId: 'vis_1',
        visitStartedAt: t0,
        name: 'added',
        at: t0,
      });
      await store.createQueue({ id: 'que_x', name: 'Durable' });
      expect(modes).toEqual([
        'synchronous = NORMAL',
        `synchronous = ${full}`,
        'synchronous = NORMAL',
        `synchronous = ${full}`,
        'synchronous = NORMAL',
        `synchronous = ${full}`,
      ]);
      expect((await store.getInvitation('inv_1'))?.status).toBe('dismissed');
      // A failing page view (no such visitor) puts the durable mode back too.
      await expect(
        store.recordPageView({ id: 'pv_2', visitorId: 'vis_none', url: 'https://s/b', title: 'B', at: t0 }),
      ).rejects.toThrow(/FOREIGN KEY/);
      expect(connection.database.pragma('synchronous', { simple: true })).toBe(full);
    } finally {
      await store.close();
    }
  });
});
