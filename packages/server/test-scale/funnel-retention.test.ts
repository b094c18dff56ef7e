import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../src/adapters/postgres/postgres-store.ts';
import { funnelAcrossPurge } from '../test/funnel-retention-case.ts';
import { createTestDatabase, type TestDatabase } from './services.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('conversations retention keeps the funnel (PostgreSQL)', () => {
  it('rolls the days up before purging: the funnel counts are the same, the detail is gone', async () => {
    const store = await createPostgresStore({ url: database.url });
    try {
      await store.migrate();
      const { before, after, purged, again, left } = await funnelAcrossPurge(store);
      expect(purged.conversations).toBe(6);
      expect(left.invitations).toEqual([]);
      expect(left.conversations).toEqual([]);
      expect(after).toEqual(before);
      expect(JSON.stringify(before)).toContain('"invited":12');
      expect(again).toEqual({});
    } finally {
      await store.close();
    }
  });
});
