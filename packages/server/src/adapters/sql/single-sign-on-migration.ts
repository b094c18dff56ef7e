import type { Kysely, Migration } from 'kysely';

/**
 * Which identity provider account signs in as which user: (issuer, subject) is the provider's stable name for
 * a person, kept once the first sign-in linked it, so a changed e-mail address at the provider still finds them.
 */
export const singleSignOn: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('user_identities')
      .addColumn('issuer', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('linked_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('user_identities_pk', ['issuer', 'subject'])
      .execute();
    await db.schema.createIndex('user_identities_user').on('user_identities').column('user_id').execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('user_identities').execute();
  },
};
