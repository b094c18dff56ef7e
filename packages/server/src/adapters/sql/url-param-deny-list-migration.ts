import { type Kysely, type Migration, sql } from 'kysely';

/** Each widget's own query parameters to scrub from page URLs, on top of the built-in list (none before). */
export const urlParamDenyList: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('widgets')
      .addColumn('url_param_deny_list', 'text', (c) => c.notNull().defaultTo(sql`'[]'`))
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('widgets').dropColumn('url_param_deny_list').execute();
  },
};
