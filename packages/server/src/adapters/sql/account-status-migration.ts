import type { Kysely, Migration } from 'kysely';

/**
 * Account lifecycle: an account is active, disabled or deleted (a deleted row stays, anonymised, so the
 * conversations and offers that name it still resolve); a temporary password set by an admin must be changed
 * at the next sign-in; the last sign-in is shown to admins.
 */
export const accountStatus: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('users')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .execute();
    await db.schema
      .alterTable('users')
      .addColumn('password_change_required', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('users').addColumn('last_sign_in_at', 'bigint').execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('users').dropColumn('last_sign_in_at').execute();
    await db.schema.alterTable('users').dropColumn('password_change_required').execute();
    await db.schema.alterTable('users').dropColumn('status').execute();
  },
};
