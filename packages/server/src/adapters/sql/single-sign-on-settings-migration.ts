import type { Kysely, Migration } from 'kysely';

/** The single sign-on settings an admin edits in the console: one row for the installation. */
export const singleSignOnSettings: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('single_sign_on_settings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('enabled', 'integer')
      .addColumn('issuer', 'text')
      .addColumn('client_id', 'text')
      .addColumn('client_secret', 'text')
      .addColumn('name', 'text')
      .addColumn('roles_claim', 'text')
      .addColumn('role_mapping', 'text')
      .addColumn('password_login', 'integer')
      .addColumn('updated_by', 'text')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('single_sign_on_settings').ifExists().execute();
  },
};
