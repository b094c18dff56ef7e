import type { Kysely, Migration } from 'kysely';

/**
 * Mails written when they are asked for (a left message's copy, an agent's answer) wait in the outbox with their
 * subject and body, cleared with the address once sent or given up; transcripts are still built at sending time.
 */
export const mailOutboxContent: Migration = {
  async up(db: Kysely<unknown>) {
    for (const column of ['subject', 'body_text', 'body_html']) {
      await db.schema.alterTable('mail_outbox').addColumn(column, 'text').execute();
    }
  },

  async down(db: Kysely<unknown>) {
    for (const column of ['subject', 'body_text', 'body_html']) {
      await db.schema.alterTable('mail_outbox').dropColumn(column).execute();
    }
  },
};
