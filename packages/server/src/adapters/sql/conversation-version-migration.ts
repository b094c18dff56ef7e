import { type Kysely, type Migration, SqliteAdapter, sql } from 'kysely';

/**
 * SQLite only: a conversation's `version`, raised by a trigger on every update of its row, whoever writes it
 * (any node's statement, a Kysely query, a hand-written fix). A node that keeps a visitor's open conversation
 * as last read checks, in the transaction that appends the visitor's message, that the row's id and version are
 * still those it read: two integers compared where it compared every column, the JSON text included, per message.
 * The trigger's `when` skips its own update (and any that sets the version itself). PostgreSQL appends under the
 * conversation's row lock and keeps no such copy, so it needs neither the column nor the trigger's extra write.
 */
export const conversationVersion: Migration = {
  async up(db: Kysely<unknown>) {
    if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
    await sql`alter table conversations add column version integer not null default 0`.execute(db);
    await sql`
      create trigger conversations_version after update on conversations
      for each row when new.version = old.version
      begin
        update conversations set version = old.version + 1 where id = old.id;
      end`.execute(db);
  },

  async down(db: Kysely<unknown>) {
    if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
    await sql`drop trigger if exists conversations_version`.execute(db);
    await sql`alter table conversations drop column version`.execute(db);
  },
};
