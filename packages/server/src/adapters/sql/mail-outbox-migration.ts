import type { Kysely, Migration } from 'kysely';

/** The durable mail outbox (transcripts by e-mail): one row per mail, claimed by one node at a time. */
export const mailOutbox: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('mail_outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('visitor_id', 'text', (c) => c.notNull())
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text')
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_until', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('mail_outbox_due')
      .on('mail_outbox')
      .columns(['status', 'next_attempt_at'])
      .execute();
    await db.schema.createIndex('mail_outbox_visitor').on('mail_outbox').column('visitor_id').execute();
    await db.schema
      .createIndex('mail_outbox_conversation')
      .on('mail_outbox')
      .column('conversation_id')
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('mail_outbox').ifExists().execute();
  },
};
