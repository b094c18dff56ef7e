import type { Kysely, Migration } from 'kysely';

/**
 * Identity-token claims a widget can require: an audience (`aud`) and a maximum lifetime (`exp` − `iat`, 24 h for
 * every widget written before, which is what the server enforces from now on).
 */
export const identityClaims: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('widgets').addColumn('identity_audience', 'text').execute();
    await db.schema
      .alterTable('widgets')
      .addColumn('identity_max_lifetime_seconds', 'integer', (c) => c.notNull().defaultTo(86_400))
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('widgets').dropColumn('identity_max_lifetime_seconds').execute();
    await db.schema.alterTable('widgets').dropColumn('identity_audience').execute();
  },
};
