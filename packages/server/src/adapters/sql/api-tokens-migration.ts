import type { Kysely, Migration } from 'kysely';

/**
 * API tokens: the secret's hash, never the secret. `created_by` is a plain column (accounts are anonymised, not
 * removed); revoked tokens stay listed until deleted by hand, so an admin sees what was revoked and when.
 */
export const apiTokens: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint')
      .addColumn('last_used_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('api_tokens').ifExists().execute();
  },
};
