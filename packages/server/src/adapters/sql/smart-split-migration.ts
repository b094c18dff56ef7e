import type { Kysely, Migration } from 'kysely';

/**
 * Smart against static invitations: each invitation records whether its rule used the acceptance model when it
 * was made (a prediction condition or best moment, with a ready model), and the funnel's daily roll-up keeps the
 * smart share of its counts (the static share is the rest), so the split survives the conversations retention.
 * Invitations and days before this migration count as static: nothing recorded which they were.
 */
export const smartSplit: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('invitations')
      .addColumn('smart', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    for (const column of [
      'smart_shown',
      'smart_accepted',
      'smart_dismissed',
      'smart_expired',
      'smart_agent_accepted',
    ]) {
      await db.schema
        .alterTable('funnel_daily')
        .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    }
  },

  async down(db: Kysely<unknown>) {
    for (const column of [
      'smart_agent_accepted',
      'smart_expired',
      'smart_dismissed',
      'smart_accepted',
      'smart_shown',
    ]) {
      await db.schema.alterTable('funnel_daily').dropColumn(column).execute();
    }
    await db.schema.alterTable('invitations').dropColumn('smart').execute();
  },
};
