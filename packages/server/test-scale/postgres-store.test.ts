import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../src/adapters/postgres/connection.ts';
import { createPostgresBlobStore } from '../src/adapters/postgres/postgres-blob-store.ts';
import { createPostgresStore } from '../src/adapters/postgres/postgres-store.ts';
import { checkOneOpenConversationMigration } from '../src/adapters/sql/migration-cases/one-open-conversation.ts';
import { migrations } from '../src/adapters/sql/migrations.ts';
import { describeBlobStoreContract } from '../src/ports/blob-store.contract.ts';
import { describeStoreContract } from '../src/ports/store.contract.ts';
import { seedConversation, seedOffer, t0, user } from '../src/ports/store-contract/fixtures.ts';
import { waitForLockWaiter } from './lock-waiters.ts';
import { createTestDatabase, type TestDatabase, truncateAll } from './services.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

// One database for the file, emptied before each test: creating a database per test would cost far more.
describeStoreContract('PostgreSQL', async () => {
  await truncateAll(database);
  return createPostgresStore({ url: database.url });
});

// Two nodes' blob stores on one database: a file written by one is served by the other.
describeBlobStoreContract('PostgreSQL', async () => {
  await truncateAll(database);
  // Opening the store migrates (file_blobs is the store's table); it is not needed after that.
  await (await createPostgresStore({ url: database.url })).close();
  return [
    createPostgresBlobStore({ url: database.url }, () => 1),
    createPostgresBlobStore({ url: database.url }, () => 2),
  ];
});

describe('PostgreSQL specifics', () => {
  it('migrates once when several nodes start together on an empty database', async () => {
    const fresh = await createTestDatabase();
    try {
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => createPostgresStore({ url: fresh.url })),
      );
      const rows = await fresh.query<{ name: string }>('SELECT name FROM kysely_migration ORDER BY name');
      expect(rows.map((row) => row.name)).toEqual(Object.keys(migrations).sort());
      await Promise.all(stores.map((store) => store.close()));
    } finally {
      await fresh.drop();
    }
    // Four nodes each running every migration's lock dance takes seconds, more on a loaded machine.
  }, 120_000);

  it('fails to start, leaving nothing open, when the server cannot be reached', async () => {
    await expect(createPostgresStore({ url: 'postgres://postgres@127.0.0.1:1/nowhere' })).rejects.toThrow();
  });

  it('appends a retry that lost the race for the row lock as the stored message, skipping no seq', async () => {
    await truncateAll(database);
    const store = await createPostgresStore({ url: database.url });
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await seedConversation(store);
      // Another node stores clientMsgId k1 and holds the conversation's row lock until it commits: the append
      // below misses k1 in its snapshot, waits for the lock, and then collides with k1 on the unique index.
      await other.query('BEGIN');
      await other.query("UPDATE conversations SET last_seq = last_seq + 1 WHERE id = 'cnv_1'");
      await other.query(
        `INSERT INTO messages (id, conversation_id, seq, author, author_name, text, client_msg_id, created_at)
         VALUES ('msg_first', 'cnv_1', 1, 'visitor', null, 'first', 'k1', ${t0})`,
      );
      const retry = store.appendMessage({
        conversationId: 'cnv_1',
        author: 'visitor',
        text: 'retry',
        clientMsgId: 'k1',
        createdAt: t0 + 1,
      });
      await waitForLockWaiter(other);
      await other.query('COMMIT');
      expect(await retry).toStrictEqual({
        id: 'msg_first',
        conversationId: 'cnv_1',
        seq: 1,
        author: 'visitor',
        text: 'first',
        clientMsgId: 'k1',
        createdAt: t0,
      });
      expect((await store.getConversation('cnv_1'))?.lastSeq).toBe(1);
      const next = await store.appendMessage({
        conversationId: 'cnv_1',
        author: 'visitor',
        text: 'next',
        createdAt: t0 + 2,
      });
      expect(next.seq).toBe(2);
      expect((await store.listMessages('cnv_1', 0)).map((m) => m.id)).toEqual(['msg_first', next.id]);
    } finally {
      await other.end();
      await store.close();
    }
  });

  it("an append waits for the conversation's row lock, then takes the next seq", async () => {
    await truncateAll(database);
    const store = await createPostgresStore({ url: database.url, maxConnections: 1 });
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await seedConversation(store);
      // Hold the row lock: the append waits for it (the bump of last_seq), then goes on with the next seq.
      await other.query('BEGIN');
      await other.query("UPDATE conversations SET last_seq = last_seq WHERE id = 'cnv_1'");
      const append = store.appendMessage({
        conversationId: 'cnv_1',
        author: 'visitor',
        text: 'x',
        clientMsgId: 'k1',
        createdAt: t0,
      });
      await waitForLockWaiter(other);
      await other.query('COMMIT');
      expect((await append).seq).toBe(1);
    } finally {
      await other.end();
      await store.close();
    }
  });

  it("a visitor's message waiting for the row lock of a chat that another node ends takes no seq", async () => {
    await truncateAll(database);
    const store = await createPostgresStore({ url: database.url, maxConnections: 1 });
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await seedConversation(store);
      const send = (clientMsgId: string) => ({
        visitorId: 'vis_1',
        text: clientMsgId,
        clientMsgId,
        createdAt: t0,
        authorName: () => 'Visitor',
      });
      expect((await store.appendVisitorMessage(send('k1')))?.message.seq).toBe(1);
      // The statement's snapshot still sees the chat open; the row it waits for is ended when it gets it.
      await other.query('BEGIN');
      await other.query("UPDATE conversations SET status = 'ended', ended_at = 1 WHERE id = 'cnv_1'");
      const append = store.appendVisitorMessage(send('k2'));
      await waitForLockWaiter(other);
      await other.query('COMMIT');
      expect(await append).toBeUndefined();
      expect((await store.listMessages('cnv_1', 0)).map((m) => m.text)).toEqual(['k1']);
      expect((await store.getConversation('cnv_1'))?.lastSeq).toBe(1);
    } finally {
      await other.end();
      await store.close();
    }
  });

  it('accepts an offer and appends the joined message in one statement', async () => {
    await truncateAll(database);
    const store = await createPostgresStore({ url: database.url });
    const query = pg.Client.prototype.query;
    let statements = 0;
    try {
      await store.createUser(user());
      await seedConversation(store, { id: 'cnv_1' });
      await seedOffer(store);
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        statements++;
        return (query as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof query;
      const accepted = await store.acceptOffer('ofr_1', t0 + 1, 'usr_1', 'Ann joined the chat.');
      pg.Client.prototype.query = query;
      expect(statements).toBe(1);
      expect(accepted).toMatchObject({
        outcome: 'assigned',
        message: { seq: 1, text: 'Ann joined the chat.' },
      });
    } finally {
      pg.Client.prototype.query = query;
      await store.close();
    }
  });

  it('sends the appends issued in one turn as one statement', async () => {
    await truncateAll(database);
    const store = await createPostgresStore({ url: database.url });
    const query = pg.Client.prototype.query;
    let statements = 0;
    try {
      await seedConversation(store, { id: 'cnv_1' });
      await seedConversation(store, { id: 'cnv_2', visitorId: 'vis_2' });
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        statements++;
        return (query as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof query;
      const appended = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.appendMessage({
            conversationId: i % 2 ? 'cnv_1' : 'cnv_2',
            author: 'agent',
            text: `m${i}`,
            clientMsgId: `k${i}`,
            createdAt: t0,
          }),
        ),
      );
      pg.Client.prototype.query = query;
      expect(statements).toBe(1);
      expect(appended.map((m) => m.seq)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    } finally {
      pg.Client.prototype.query = query;
      await store.close();
    }
  });

  it('keeps appending on a prepared connection after a later migration adds a column to messages', async () => {
    await truncateAll(database);
    // One connection: the second append reuses the statement the first one prepared on it.
    const store = await createPostgresStore({ url: database.url, maxConnections: 1 });
    try {
      await seedConversation(store);
      const message = { conversationId: 'cnv_1', author: 'visitor' as const, text: 'x', createdAt: t0 };
      expect((await store.appendMessage(message)).seq).toBe(1);
      await database.query('ALTER TABLE messages ADD COLUMN added_later text');
      expect((await store.appendMessage(message)).seq).toBe(2);
    } finally {
      await store.close();
      await database.query('ALTER TABLE messages DROP COLUMN IF EXISTS added_later');
    }
  });

  it('keeps reading widgets on a prepared connection after a later migration adds a column to widgets', async () => {
    await truncateAll(database);
    // One connection: the second read reuses the statement the first one prepared on it.
    const store = await createPostgresStore({ url: database.url, maxConnections: 1 });
    try {
      const { widgetId } = await seedConversation(store);
      const before = await store.getWidget(widgetId);
      expect(before?.id).toBe(widgetId);
      await database.query('ALTER TABLE widgets ADD COLUMN added_later text');
      expect(await store.getWidget(widgetId)).toStrictEqual(before);
    } finally {
      await store.close();
      await database.query('ALTER TABLE widgets DROP COLUMN IF EXISTS added_later');
    }
  });

  it('closes the duplicate open conversations of a database from before one per visitor was enforced', async () => {
    const fresh = await createTestDatabase();
    const { db } = openPostgres({ url: fresh.url });
    try {
      await checkOneOpenConversationMigration(db);
    } finally {
      await db.destroy();
      await fresh.drop();
    }
  });

  it('enforces foreign keys', async () => {
    await truncateAll(database);
    const store = await createPostgresStore({ url: database.url });
    try {
      await expect(
        store.createSession({ id: 's', userId: 'usr_missing', createdAt: 0, expiresAt: 1 }),
      ).rejects.toThrow(/foreign key/);
    } finally {
      await store.close();
    }
  });
});
