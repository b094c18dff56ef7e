import type pg from 'pg';

/**
 * Waits until another session of the test database waits on a row lock held by `client`'s transaction (the only
 * other session here is the store's). Its `query` column is not used: for a named prepared statement
 * pg_stat_activity can still show the connection's previous statement while it waits.
 */
export async function waitForLockWaiter(client: pg.Client): Promise<void> {
  for (let tries = 0; tries < 400; tries++) {
    const { rows } = await client.query(
      `SELECT pid FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid()
         AND wait_event_type = 'Lock' AND wait_event = 'transactionid'`,
    );
    if (rows[0]) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('no other session waited for the row lock');
}
