import type { Kysely, Migration } from 'kysely';

/** Secrets the nodes of an installation share without configuration (the file-link signing key). */
export const installationSecrets: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('installation_secrets')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('installation_secrets').ifExists().execute();
  },
};
