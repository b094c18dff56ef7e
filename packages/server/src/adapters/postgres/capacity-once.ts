import { escapeLiteral, type QueryResult } from 'pg';
import type { OfferRow } from '../../ports/store.ts';

/** The part of `pg.Pool` these need: a query without parameters goes as one simple-protocol message. */
export interface SimpleQueryable {
  query(text: string): Promise<QueryResult | QueryResult[]>;
}

/**
 * The capacity-checked writes of `SqlCapacity` on PostgreSQL in ONE round trip instead of five (BEGIN, lock the
 * agent, count their work, write, COMMIT). The two statements go in one simple-protocol message, which PostgreSQL
 * runs as one transaction, each statement with a fresh snapshot (READ COMMITTED): the first takes the agent's row
 * lock (a no-key update, as the shared transaction's, so concurrent decisions for the agent queue up), the second
 * counts the agent's active conversations and pending offers AFTER the lock — seeing whatever the session it waited
 * for committed — and writes only when one is free. A single statement could not: its snapshot would predate the
 * lock wait. The simple protocol carries no parameters, so every value is a quoted literal (`escapeLiteral`) or a
 * checked integer.
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
 * `createOfferWithinCapacity`: the insert also yields to another pending offer of the conversation. With a queue,
 * a third statement marks the member offered (round robin) when the insert wrote the offer, which it sees, being
 * in the same transaction: one round trip for both.
 */
export function createOfferOnce(pool: SimpleQueryable, offer: OfferRow, queueId?: string): Promise<boolean> {
  const agent = escapeLiteral(offer.agentId);
  const id = escapeLiteral(offer.id);
  const mark =
    queueId === undefined
      ? ''
      : `;
    update queue_members set last_offered_at = ${integer(offer.createdAt)}
    where queue_id = ${escapeLiteral(queueId)} and user_id = ${agent} and exists (select 1 from offers where id = ${id})`;
  return written(
    pool,
    `${lockAgent(agent)};
    insert into offers (id, conversation_id, agent_id, status, created_at, expires_at, closed_at)
    select ${id}, ${escapeLiteral(offer.conversationId)}, ${agent}, ${escapeLiteral(offer.status)},
      ${integer(offer.createdAt)}, ${integer(offer.expiresAt)},
      ${offer.closedAt === undefined ? 'null::bigint' : integer(offer.closedAt)}
    where ${hasRoom(agent)}
    on conflict do nothing${mark}`,
  );
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
