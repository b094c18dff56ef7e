import type { Kysely, Migration } from 'kysely';

/**
 * The audit trail's table (listed newest first, filtered by action or actor, purged oldest first) and the
 * retention settings (one row per kind of data; no row means the documented default).
 */
export const privacy: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('audit_entries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text')
      .addColumn('details', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_entries_at').on('audit_entries').columns(['at', 'id']).execute();
    await db.schema
      .createIndex('audit_entries_action_at')
      .on('audit_entries')
      .columns(['action', 'at'])
      .execute();
    await db.schema
      .createIndex('audit_entries_actor_at')
      .on('audit_entries')
      .columns(['actor_id', 'at'])
      .execute();
    await db.schema
      .createTable('retention_settings')
      .addColumn('kind', 'text', (c) => c.primaryKey())
      // Null: keep forever.
      .addColumn('days', 'integer')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    // The purges look rows up by age.
    await db.schema.createIndex('page_views_at').on('page_views').column('at').execute();
    await db.schema.createIndex('visit_events_at').on('visit_events').column('at').execute();
    await db.schema.createIndex('conversations_ended_at').on('conversations').column('ended_at').execute();
  },
};
