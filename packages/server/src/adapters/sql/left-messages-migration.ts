import type { Kysely, Migration } from 'kysely';

/**
 * "Never strand a visitor": rule invitations wait for someone who can answer (on for every widget, existing ones
 * too), and the messages visitors leave when nobody can answer, with the address the reply is e-mailed to.
 */
export const leftMessages: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('widgets')
      .addColumn('invite_only_when_answerable', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createTable('left_messages')
      .addColumn('conversation_id', 'text', (c) => c.primaryKey())
      .addColumn('visitor_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('left_messages_visitor').on('left_messages').column('visitor_id').execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('left_messages').ifExists().execute();
    await db.schema.alterTable('widgets').dropColumn('invite_only_when_answerable').execute();
  },
};
