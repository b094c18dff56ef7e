import type { Kysely, Migration } from 'kysely';

/**
 * The proactive funnel's counts per UTC day, widget, rule and A/B side, rolled up from invitations (and the
 * conversations and survey ratings they led to) before the conversations retention purges them, so that the
 * Analytics funnel of a purged day stays what it was. Anonymous: no visitor, no text. `funnel_rolled_days`
 * marks the days rolled up (once, whichever node gets there first).
 */
export const funnelDaily: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('funnel_daily')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('widget_id', 'text', (c) => c.notNull())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('rule_name', 'text')
      .addColumn('variant', 'text', (c) => c.notNull())
      .addColumn('invited', 'integer', (c) => c.notNull())
      .addColumn('shown', 'integer', (c) => c.notNull())
      .addColumn('held', 'integer', (c) => c.notNull())
      .addColumn('accepted', 'integer', (c) => c.notNull())
      .addColumn('dismissed', 'integer', (c) => c.notNull())
      .addColumn('expired', 'integer', (c) => c.notNull())
      .addColumn('agent_accepted', 'integer', (c) => c.notNull())
      .addColumn('ended', 'integer', (c) => c.notNull())
      .addColumn('csat_count', 'integer', (c) => c.notNull())
      .addColumn('csat_sum', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('funnel_daily_pk', ['day', 'widget_id', 'rule_id', 'variant'])
      .execute();
    await db.schema
      .createIndex('funnel_daily_widget_day')
      .on('funnel_daily')
      .columns(['widget_id', 'day'])
      .execute();
    await db.schema
      .createTable('funnel_rolled_days')
      .addColumn('day', 'text', (c) => c.primaryKey())
      .addColumn('rolled_at', 'bigint', (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('funnel_rolled_days').execute();
    await db.schema.dropTable('funnel_daily').execute();
  },
};
