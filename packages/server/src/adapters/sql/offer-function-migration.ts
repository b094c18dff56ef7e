import { type Kysely, type Migration, PostgresAdapter, sql } from 'kysely';

/**
 * PostgreSQL only: the capacity-checked offer as a database function, so a node sends it as one prepared
 * statement (parsed and planned once per connection) where it sent three statements as literal text, parsed and
 * planned on every offer. In a VOLATILE function each statement takes a fresh snapshot (READ COMMITTED), as the
 * statements of one simple-protocol message did: the count of the agent's work runs after the agent's row lock
 * and sees what the session it waited for committed. SQLite has no functions and needs none (one writer).
 */
export const offerFunction: Migration = {
  async up(db: Kysely<unknown>) {
    if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
    await sql`
      create or replace function beckon_create_offer(
        offer_id text, conversation text, agent text, offer_status text,
        created bigint, expires bigint, closed bigint, queue text
      ) returns boolean language plpgsql volatile as $$
      declare
        written boolean;
      begin
        update users set capacity = capacity where id = agent;
        insert into offers (id, conversation_id, agent_id, status, created_at, expires_at, closed_at)
        select offer_id, conversation, agent, offer_status, created, expires, closed
        where (select count(*) from conversations c where c.agent_id = agent and c.status = 'active')
          + (select count(*) from offers o where o.agent_id = agent and o.status = 'pending')
          < (select capacity from users where id = agent)
        on conflict do nothing;
        written := found;
        if written and queue is not null then
          update queue_members set last_offered_at = created where queue_id = queue and user_id = agent;
        end if;
        return written;
      end
      $$`.execute(db);
  },

  async down(db: Kysely<unknown>) {
    if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
    await sql`drop function if exists beckon_create_offer(text, text, text, text, bigint, bigint, bigint, text)`.execute(
      db,
    );
  },
};
