import type { Kysely, Migration } from 'kysely';

/** Each widget's sneak peek (agents see drafts): off for every widget, as before. */
export const sneakPeek: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('widgets')
      .addColumn('sneak_peek', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('widgets').dropColumn('sneak_peek').execute();
  },
};
