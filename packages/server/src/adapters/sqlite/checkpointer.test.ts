import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedConversation, t0 } from '../../ports/store-contract/fixtures.ts';
import { BackgroundCheckpointer } from './checkpointer.ts';
import { connectSqlite } from './connection.ts';
import { createSqliteStore, SqliteStore } from './sqlite-store.ts';

class ProbeStore extends SqliteStore {
  async autocheckpoint(): Promise<number> {
    const { rows } = await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(this.db);
    return rows[0]!.wal_autocheckpoint;
  }
}

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'beckon-checkpoint-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('WAL checkpoints on a worker thread', () => {
  it('copies the log into the database file while the node’s own automatic checkpoints are off', async () => {
    const file = join(dir, 'beckon.sqlite');
    const store = await createSqliteStore({ file });
    expect(await (Object.setPrototypeOf(store, ProbeStore.prototype) as ProbeStore).autocheckpoint()).toBe(0);
    await seedConversation(store);
    const before = statSync(file).size;
    // About 1.5 MB of messages: all of it lands in the WAL first.
    for (let i = 0; i < 300; i += 1) {
      await store.appendMessage({
        conversationId: 'cnv_1',
        author: 'visitor',
        text: 'x'.repeat(4000),
        createdAt: t0,
      });
    }
    // Only the background connection can move pages into the main file now; it runs every second.
    const deadline = Date.now() + 10_000;
    while (statSync(file).size < before + 1_000_000 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(statSync(file).size).toBeGreaterThan(before + 1_000_000);
    await store.close();

    const reopened = await createSqliteStore({ file });
    expect(await reopened.listMessages('cnv_1', 0)).toHaveLength(300);
    await reopened.close();
  });

  it('past the threshold, pauses the node’s commits while it copies the end of the log, so the next write rewinds it', async () => {
    const file = join(dir, 'beckon.sqlite');
    const { database } = await connectSqlite({ file });
    database.pragma('wal_autocheckpoint = 0');
    database.pragma(`journal_size_limit = ${64 * 1024}`);
    database.exec('create table t (x text)');
    // About 1 MB in the log, four times the threshold below.
    const insert = database.prepare('insert into t (x) values (?)');
    for (let i = 0; i < 250; i += 1) insert.run('x'.repeat(4000));
    const wal = () => statSync(`${file}-wal`).size;
    expect(wal()).toBeGreaterThan(1_000_000);
    const events: string[] = [];
    let resumed = () => {};
    const caughtUp = new Promise<void>((resolve) => {
      resumed = resolve;
    });
    const checkpointer = new BackgroundCheckpointer(
      file,
      (error) => events.push(`failed: ${String(error)}`),
      {
        pause: () => events.push('pause'),
        resume: () => {
          events.push('resume');
          resumed();
        },
        catchUp: async () => {
          events.push('catch-up');
        },
      },
      { checkpointIntervalMs: 20, catchUpAboveBytes: 256 * 1024, sizeLimitBytes: 64 * 1024 },
    );
    await caughtUp;
    // Nothing was written during the pause, so the thread copied every frame and the node had none left.
    expect(events).toEqual(['pause', 'resume']);
    insert.run('after');
    expect(wal()).toBeLessThanOrEqual(64 * 1024);
    await checkpointer.stop();
    database.close();
  });

  it('is not used for an in-memory database', async () => {
    const store = await createSqliteStore({ file: ':memory:' });
    expect(await (Object.setPrototypeOf(store, ProbeStore.prototype) as ProbeStore).autocheckpoint()).toBe(
      1000,
    );
    await store.close();
  });
});
