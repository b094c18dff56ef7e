import type { Kysely, Migration } from 'kysely';

/**
 * Each attempt of a webhook delivery, kept with its delivery (deleted with it): when it started, how long it
 * took, the receiver's status or why it failed, the start of the answer, and which node sent it.
 */
export const webhookAttempts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('webhook_attempts')
      .addColumn('delivery_id', 'text', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      .addColumn('status', 'integer')
      .addColumn('error', 'text')
      .addColumn('response', 'text')
      .addColumn('node', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('webhook_attempts_pk', ['delivery_id', 'attempt'])
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('webhook_attempts').ifExists().execute();
  },
};
