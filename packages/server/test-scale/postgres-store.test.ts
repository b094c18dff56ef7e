import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../src/adapters/postgres/postgres-store.ts';
import { migrations } from '../src/adapters/sql/migrations.ts';
import { describeStoreContract } from '../src/ports/store.contract.ts';
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
  });

  it('fails to start, leaving nothing open, when the server cannot be reached', async () => {
    await expect(createPostgresStore({ url: 'postgres://postgres@127.0.0.1:1/nowhere' })).rejects.toThrow();
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
