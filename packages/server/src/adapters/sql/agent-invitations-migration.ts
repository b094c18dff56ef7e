import type { Kysely, Migration } from 'kysely';

/** Invitations an agent makes from the live Visitors list: who invited (a plain column, like a rule's id). */
export const agentInvitations: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('invitations').addColumn('agent_id', 'text').execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('invitations').dropColumn('agent_id').execute();
  },
};
