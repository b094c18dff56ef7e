import type { AcceptOutcome } from '../../ports/store.ts';
import type { Queryable } from './connection.ts';

/**
 * $1 offer, $2 when. Both conditional writes in one statement, so in one transaction: a capacity check on another
 * connection (a statement of its own after the agent's row lock) sees either the pending offer or the active
 * conversation, never neither, so the slot is never counted free in between. Two accepts of one offer: the second
 * waits on the offer's row, then re-checks `status = 'pending'` on the committed version and updates nothing.
 */
const acceptSql = `
  with accepted as (
    update offers set status = 'accepted', closed_at = $2
    where id = $1 and status = 'pending'
    returning conversation_id, agent_id
  ),
  assigned as (
    update conversations set status = 'active', agent_id = accepted.agent_id, accepted_at = $2
    from accepted
    where conversations.id = accepted.conversation_id and conversations.status = 'waiting'
    returning conversations.id
  )
  select (select count(*) from accepted)::int as accepted, (select count(*) from assigned)::int as assigned`;

/** Parsed once per pooled connection under this name. */
const acceptStatementName = 'beckon_accept_offer';

/**
 * `Store.acceptOffer` on PostgreSQL in ONE statement (one round trip) instead of the shared transaction's six
 * (BEGIN, read the offer, lock the agent, close the offer, assign the conversation, COMMIT).
 */
export async function acceptOfferOnce(pool: Queryable, id: string, at: number): Promise<AcceptOutcome> {
  const { rows } = await pool.query<{ accepted: number; assigned: number }>({
    name: acceptStatementName,
    text: acceptSql,
    values: [id, at],
  });
  const row = rows[0]!;
  if (row.accepted === 0) return 'closed';
  return row.assigned === 0 ? 'ended' : 'assigned';
}
