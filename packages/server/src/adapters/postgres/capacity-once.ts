import { escapeLiteral, type QueryResult } from 'pg';
import type { OfferRow } from '../../ports/store.ts';
import type { Queryable } from './connection.ts';

/** The part of `pg.Pool` these need: a query without parameters goes as one simple-protocol message. */
export interface SimpleQueryable {
  query(text: string): Promise<QueryResult | QueryResult[]>;
}

/**
 * The capacity-checked writes of `SqlCapacity` on PostgreSQL in ONE round trip instead of five (BEGIN, lock the
 * agent, count their work, write, COMMIT). Each takes the agent's row lock (a no-key update, as the shared
 * transaction's, so concurrent decisions for the agent queue up), then counts the agent's active conversations and
 * pending offers AFTER the lock, in a statement with a fresh snapshot (READ COMMITTED) — seeing whatever the
 * session it waited for committed — and writes only when one is free. A single statement could not: its snapshot
 * would predate the lock wait. The offer, sent on every opened conversation, runs as a database function
 * (prepared); the auto-assignment sends its two statements in one simple-protocol message, which PostgreSQL runs
 * as one transaction: no parameters, so every value is a quoted literal (`escapeLiteral`) or a checked integer.
 */

const lockAgent = (agent: string) => `update users set capacity = capacity where id = ${agent}`;

/** True while the agent holds fewer conversations and pending offers than their capacity (false: no such agent). */
const hasRoom = (agent: string) => `
  (select count(*) from conversations where agent_id = ${agent} and status = 'active')
  + (select count(*) from offers where agent_id = ${agent} and status = 'pending')
  < (select capacity from users where id = ${agent})`;

function integer(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
  return String(value);
}

/** Whether the conditional write, the second statement, wrote its row. */
async function written(pool: SimpleQueryable, text: string): Promise<boolean> {
  const results = await pool.query(text);
  const write = Array.isArray(results) ? results[1] : results;
  return write?.rowCount === 1;
}

/**
 * `createOfferWithinCapacity`: the database function `beckon_create_offer` (migration 0038) takes the agent's
 * row lock, inserts the offer while the agent has room (yielding to another pending offer of the conversation)
 * and, with a queue, marks the member offered (round robin) when it wrote: one prepared statement.
 */
export async function createOfferOnce(pool: Queryable, offer: OfferRow, queueId?: string): Promise<boolean> {
  const { rows } = await pool.query<{ written: boolean }>({
    name: 'beckon_create_offer_1',
    text: 'select beckon_create_offer($1, $2, $3, $4, $5, $6, $7, $8) as written',
    values: [
      offer.id,
      offer.conversationId,
      offer.agentId,
      offer.status,
      offer.createdAt,
      offer.expiresAt,
      offer.closedAt ?? null,
      queueId ?? null,
    ],
  });
  return rows[0]?.written === true;
}

/** `assignConversationWithinCapacity`: `waiting` → `active` with the agent, while they have room. */
export function assignOnce(pool: SimpleQueryable, id: string, agentId: string, at: number): Promise<boolean> {
  const agent = escapeLiteral(agentId);
  return written(
    pool,
    `${lockAgent(agent)};
    update conversations set status = 'active', agent_id = ${agent}, accepted_at = ${integer(at)}
    where id = ${escapeLiteral(id)} and status = 'waiting' and ${hasRoom(agent)}`,
  );
}
