import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Visitor credentials: the hash of each visitor's secret (a visitor id alone no longer names a visitor), and the
 * single-use chat-window handovers, each stored only as the hash of its token. Visitors from before have no
 * credential row: their next hello makes a new visitor (see docs/security.md).
 */
export const visitorCredentials: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('visitor_credentials')
      .addColumn('visitor_id', 'text', (c) => c.primaryKey().references('visitors.id').onDelete('cascade'))
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('visitor_handovers')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id').onDelete('cascade'))
      .addColumn('widget_id', 'text', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('visitor_handovers_expires_at')
      .on('visitor_handovers')
      .column('expires_at')
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await sql`drop table if exists visitor_handovers`.execute(db);
    await sql`drop table if exists visitor_credentials`.execute(db);
  },
};
