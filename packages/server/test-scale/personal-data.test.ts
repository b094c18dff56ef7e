import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../src/adapters/postgres/postgres-store.ts';
import { person, seedPersonHistory } from '../src/ports/store-contract/personal-data-history.ts';
import { createTestDatabase, type TestDatabase } from './services.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const needles = [
  person.customerId,
  ...person.visitorIds,
  person.conversationId,
  person.invitationId,
  person.email,
  person.name,
  person.phone,
  person.messageText,
  person.pageUrl,
];

/**
 * Every row of every table in the schema (from information_schema, not a hand list) whose text holds a needle:
 * one query per table over the whole row's text, which covers every column.
 */
async function leftovers(): Promise<{ columns: number; found: string[] }> {
  const columns = await database.query<{ table_name: string; column_name: string }>(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'",
  );
  const found: string[] = [];
  for (const table of new Set(columns.map((c) => c.table_name))) {
    // Names come from the catalogue; quoted as identifiers. Needles are fixed test strings without quotes.
    const conditions = needles.map((n) => `t::text LIKE '%${n.replaceAll("'", "''")}%'`).join(' OR ');
    const rows = await database.query<{ value: string }>(
      `SELECT t::text AS value FROM "${table}" t WHERE ${conditions}`,
    );
    for (const row of rows) found.push(`${table}: ${row.value}`);
  }
  return { columns: columns.length, found };
}

describe('erasure on PostgreSQL', () => {
  it('leaves none of the person in any column of any table', async () => {
    const store = await createPostgresStore({ url: database.url });
    try {
      await store.migrate();
      await seedPersonHistory(store);
      const before = await leftovers();
      expect(before.columns).toBeGreaterThan(100);
      expect(before.found.length).toBeGreaterThan(15);
      const erased = await store.erasePersonalData({
        customerId: person.customerId,
        visitorIds: await store.visitorIdsOfCustomer(person.customerId),
      });
      expect(erased).toMatchObject({
        customers: 1,
        visitors: 2,
        conversations: 1,
        messages: 2,
        matchesCleared: 1,
      });
      expect((await leftovers()).found).toEqual([]);
      expect(await store.getVisitor('vis_other')).toBeDefined();
    } finally {
      await store.close();
    }
  });
});
