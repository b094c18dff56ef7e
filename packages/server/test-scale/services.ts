import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Where the scale tests find PostgreSQL and Redis: the machine's services by default, overridable for other
 * setups. Every run works in its own database and under its own Redis prefix, so runs never collide.
 */
const adminUrl = process.env.BECKON_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const testRedisUrl = process.env.BECKON_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniqueName(kind: string): string {
  return `beckon_test_${kind}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** A unique Redis channel prefix for one test run. */
export function testRedisPrefix(): string {
  return `${uniqueName('bus')}:`;
}

export interface TestDatabase {
  url: string;
  /** Runs SQL against the test database on a short-lived connection (e.g. to empty it between tests). */
  query<Row extends pg.QueryResultRow>(text: string): Promise<Row[]>;
  drop(): Promise<void>;
}

async function withClient<T>(url: string, task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database through the `postgres` maintenance database; `drop()` removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = uniqueName('db');
  // The name is generated here from [a-z0-9_], so interpolating it as an identifier is safe.
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    query: async <Row extends pg.QueryResultRow>(text: string) =>
      (await withClient(url.toString(), (client) => client.query<Row>(text))).rows,
    // FORCE ends connections a failed test may have left open, so the drop cannot hang or fail.
    drop: async () => {
      await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Empties every table Beckon created (the migration bookkeeping stays, so migrate() is a no-op after). */
export async function truncateAll(database: TestDatabase): Promise<void> {
  const rows = await database.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'kysely_%'",
  );
  const tables = rows.map((row) => `"${row.tablename}"`);
  if (tables.length > 0) await database.query(`TRUNCATE ${tables.join(', ')} CASCADE`);
}
