import type { Kysely, Migration } from 'kysely';

/**
 * Account lifecycle: an account is active, disabled or deleted (a deleted row stays, anonymised, so the
 * conversations and offers that name it still resolve); a temporary password set by an admin must be changed
 * at the next sign-in; the last sign-in is shown to admins. Two-factor sign-in: the TOTP secret (and one being
 * enrolled), single-use recovery codes stored as hashes, the password-checked sign-in waiting for its code, and
 * the roles that must enrol.
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
    await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute();
    await db.schema.alterTable('users').addColumn('totp_pending_secret', 'text').execute();
    await db.schema
      .createTable('recovery_codes')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .addPrimaryKeyConstraint('recovery_codes_pk', ['user_id', 'code_hash'])
      .execute();
    await db.schema
      .createTable('sign_in_challenges')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable('two_factor_roles')
      .addColumn('role', 'text', (c) => c.primaryKey())
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('two_factor_roles').execute();
    await db.schema.dropTable('sign_in_challenges').execute();
    await db.schema.dropTable('recovery_codes').execute();
    await db.schema.alterTable('users').dropColumn('totp_pending_secret').execute();
    await db.schema.alterTable('users').dropColumn('totp_secret').execute();
    await db.schema.alterTable('users').dropColumn('last_sign_in_at').execute();
    await db.schema.alterTable('users').dropColumn('password_change_required').execute();
    await db.schema.alterTable('users').dropColumn('status').execute();
  },
};
