import type { Kysely, Migration } from 'kysely';

/**
 * How a widget's invitation looks (display name, avatar, accept wording per language; JSON, null = defaults),
 * and whether pre-chat answers that match no customer create an unverified record at once (off for every widget
 * written before).
 */
export const invitationLook: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('widgets').addColumn('invitation_look', 'text').execute();
    await db.schema
      .alterTable('widgets')
      .addColumn('prechat_creates_customers', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('widgets').dropColumn('prechat_creates_customers').execute();
    await db.schema.alterTable('widgets').dropColumn('invitation_look').execute();
  },
};
