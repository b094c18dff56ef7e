import pg from 'pg';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createPostgresStore, type PostgresStore } from '../src/adapters/postgres/postgres-store.ts';
import { seedConversation, seedOffer, t0 } from '../src/ports/store-contract/fixtures.ts';
import { waitForLockWaiter } from './lock-waiters.ts';
import { createTestDatabase, type TestDatabase, truncateAll } from './services.ts';

/**
 * Accepting an offer and the capacity-checked writes lock the agent's row and the offer's conversation. Another
 * session here plays the capacity-checked write of another node, one statement at a time: it takes the agent's
 * row lock first (as `capacity-once.ts` does), the accept starts and waits, then the other session goes on to
 * the conversation. With the accept locking the agent last, each waited for the other and PostgreSQL aborted one
 * of them ("deadlock detected"); with the agent locked first, the accept waits holding nothing.
 */
let database: TestDatabase;
let store: PostgresStore;
let other: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await other?.end();
  await store?.close();
  await database?.drop();
});

beforeEach(async () => {
  await other?.end();
  await store?.close();
  await truncateAll(database);
  store = await createPostgresStore({ url: database.url });
  other = new pg.Client({ connectionString: database.url });
  await other.connect();
  await seedConversation(store);
  expect(await seedOffer(store)).toBe(true);
  // An agent who missed an offer before: resetting the count writes their row.
  expect(await store.recordMissedOffer('usr_1')).toBe(1);
  await other.query('BEGIN');
  await other.query("UPDATE users SET capacity = capacity WHERE id = 'usr_1'");
});

it('an accept racing an auto-assignment of its conversation to the same agent: no deadlock', async () => {
  const accept = store.acceptOffer('ofr_1', t0 + 1);
  await waitForLockWaiter(other);
  const assigned = await other.query(
    `UPDATE conversations SET status = 'active', agent_id = 'usr_1', accepted_at = ${t0 + 1}
     WHERE id = 'cnv_1' AND status = 'waiting'`,
  );
  await other.query('COMMIT');
  expect(assigned.rowCount).toBe(1);
  // The conversation is no longer waiting when the accept gets to it: assigned by the other path.
  expect(await accept).toStrictEqual({ outcome: 'ended' });
  const { rows } = await other.query("SELECT missed_offers FROM users WHERE id = 'usr_1'");
  expect(rows).toEqual([{ missed_offers: 0 }]);
});

it('an accept racing a second offer of its conversation to the same agent: no deadlock', async () => {
  const accept = store.acceptOffer('ofr_1', t0 + 1);
  await waitForLockWaiter(other);
  const offered = await other.query(
    `INSERT INTO offers (id, conversation_id, agent_id, status, created_at, expires_at)
     VALUES ('ofr_2', 'cnv_1', 'usr_1', 'pending', ${t0 + 1}, ${t0 + 120_000}) ON CONFLICT DO NOTHING`,
  );
  await other.query('COMMIT');
  // The first offer still pending when the second was tried: one pending offer per conversation.
  expect(offered.rowCount).toBe(0);
  expect(await accept).toMatchObject({
    outcome: 'assigned',
    conversation: { id: 'cnv_1', agentId: 'usr_1' },
  });
});
