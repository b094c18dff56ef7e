import type { Kysely, Migration } from 'kysely';

/**
 * Tracked events by name and time: an optimised rule whose objective is an event reads a widget's conversions of
 * one name over the last 30 days, which the (visitor, visit, time) index cannot serve.
 */
export const objectiveEvents: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('visit_events_name_at').on('visit_events').columns(['name', 'at']).execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('visit_events_name_at').ifExists().execute();
  },
};
