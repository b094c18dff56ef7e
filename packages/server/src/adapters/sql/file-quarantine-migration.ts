import type { Kysely, Migration } from 'kysely';

/**
 * Files the antivirus flagged: the signature's name on the file's row (`files.quarantined_signature`). Such a
 * row has no bytes and no message; it stays for the audit until its conversation's retention removes it.
 */
export const fileQuarantine: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('files').addColumn('quarantined_signature', 'text').execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('files').dropColumn('quarantined_signature').execute();
  },
};
