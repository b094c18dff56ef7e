import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeStoreContract } from '../../ports/store.contract.ts';
import { invitation, seedConversation, seedVisitor, t0 } from '../../ports/store-contract/fixtures.ts';
import { checkOneOpenConversationMigration } from '../sql/migration-cases/one-open-conversation.ts';
import { openMigrated } from '../sql/sql-store.ts';
import { connectSqlite } from './connection.ts';
import { createSqliteStore, SqliteStore } from './sqlite-store.ts';
import { SynchronousMode } from './synchronous-mode.ts';

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
    const modes: number[] = [];
    const set = SynchronousMode.prototype.set;
    const spy = vi.spyOn(SynchronousMode.prototype, 'set').mockImplementation(function (
      this: SynchronousMode,
      mode: number,
    ) {
      modes.push(mode);
      set.call(this, mode);
    });
    const [normal, full] = [1, 2];
    try {
      expect(connection.database.pragma('synchronous', { simple: true })).toBe(full);
      await seedVisitor(store);
      // A visitor's creation commits at NORMAL too (visitor-statements.test.ts).
      expect(modes).toEqual([normal, full]);
      modes.length = 0;
      await store.recordPageView({ id: 'pv_1', visitorId: 'vis_1', url: 'https://s/a', title: 'A', at: t0 });
      expect(modes).toEqual([normal, full]);
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
      expect(modes).toEqual([normal, full, normal, full, normal, full]);
      expect((await store.getInvitation('inv_1'))?.status).toBe('dismissed');
      // A failing page view (no such visitor) puts the durable mode back too.
      await expect(
        store.recordPageView({ id: 'pv_2', visitorId: 'vis_none', url: 'https://s/b', title: 'B', at: t0 }),
      ).rejects.toThrow(/FOREIGN KEY/);
      expect(connection.database.pragma('synchronous', { simple: true })).toBe(full);
    } finally {
      spy.mockRestore();
      await store.close();
    }
  });

  it('switches the mode around each batch of messages with statements prepared once, not pragma() calls', async () => {
    const connection = await connectSqlite({ file: join(dir, 'batch-mode.sqlite') });
    const store = await openMigrated(new SqliteStore(connection));
    try {
      await seedConversation(store, { id: 'cnv_1' });
      // The first batch prepares what it needs; the next ones only run it.
      await store.appendMessage({ conversationId: 'cnv_1', author: 'bot', text: 'first', createdAt: t0 });
      const pragma = vi.spyOn(connection.database, 'pragma');
      const prepare = vi.spyOn(connection.database, 'prepare');
      for (let i = 0; i < 3; i++) {
        await store.appendMessage({ conversationId: 'cnv_1', author: 'bot', text: `m${i}`, createdAt: t0 });
      }
      expect(pragma).not.toHaveBeenCalled();
      expect(prepare).not.toHaveBeenCalled();
      expect(connection.database.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      await store.close();
    }
  });
});
