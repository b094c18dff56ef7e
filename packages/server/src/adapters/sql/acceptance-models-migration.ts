import type { Kysely, Migration } from 'kysely';

/**
 * Predicted engagement: each widget's acceptance model (weights and counts, nothing about any visitor), the
 * widget's kill switch (on by default: a rule without smart options is unchanged by it)
 * and each rule's smart options.
 */
export const acceptanceModels: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('acceptance_models')
      .addColumn('widget_id', 'text', (c) => c.primaryKey())
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .alterTable('widgets')
      .addColumn('smart_invitations', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.alterTable('rules').addColumn('smart', 'text').execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('rules').dropColumn('smart').execute();
    await db.schema.alterTable('widgets').dropColumn('smart_invitations').execute();
    await db.schema.dropTable('acceptance_models').ifExists().execute();
  },
};
