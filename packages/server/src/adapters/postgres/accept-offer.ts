import type { ChatMessage } from '@beckon/protocol';
import type { Selectable } from 'kysely';
import type { Acceptance } from '../../ports/store.ts';
import { conversationFromRow } from '../sql/mappers.ts';
import { newMessageId } from '../sql/message-ids.ts';
import type { ConversationsTable } from '../sql/schema.ts';
import type { Queryable } from './connection.ts';

/**
 * $1 offer, $2 when, $3 the accepting agent (null: any), $4 the system message to append when assigned (null:
 * none), $5 its id. An offer past its deadline or another agent's is not
 * accepted (both never change, so the snapshot's values hold). Both conditional writes in one statement, so in one transaction: a capacity check on another
 * connection (a statement of its own after the agent's row lock) sees either the pending offer or the active
 * conversation, never neither, so the slot is never counted free in between. Two accepts of one offer: the second
 * waits on the offer's row, then re-checks `status = 'pending'` on the committed version and updates nothing.
 * The same statement resets the agent's missed-offer count (written only when not already 0), appends the
 * "joined" message under the conversation's row lock its update took (so its seq is the next, as an append's:
 * `last_seq` is exact on PostgreSQL), and returns the assigned conversation, so the caller reads nothing after it.
 * One commit where the acceptance and the message were two, each waiting for its own log flush.
 *
 * Locks in the order of every capacity-checked write: the agent's row first (`agent`, before anything else runs:
 * `accepted` waits for it), then the offer, then the conversation. Locking the agent last (when resetting the
 * count) deadlocked with an auto-assignment of the same conversation (agent, then conversation) and with a second
 * offer of it (agent, then the pending-offer index, which waits for this offer's update).
 */
const acceptSql = `
  with agent as (
    select users.id from users join offers on offers.agent_id = users.id
    where offers.id = $1 and offers.status = 'pending' and offers.expires_at > $2
      and ($3::text is null or offers.agent_id = $3)
    for no key update of users
  ),
  accepted as (
    update offers set status = 'accepted', closed_at = $2
    where id = $1 and status = 'pending' and exists (select 1 from agent)
    returning conversation_id, agent_id
  ),
  assigned as (
    update conversations set status = 'active', agent_id = accepted.agent_id, accepted_at = $2,
      last_seq = conversations.last_seq + (case when $4::text is null then 0 else 1 end)
    from accepted
    where conversations.id = accepted.conversation_id and conversations.status = 'waiting'
    returning conversations.*
  ),
  joined as (
    insert into messages (id, conversation_id, seq, author, author_name, text, client_msg_id, created_at)
    select $5::text, assigned.id, assigned.last_seq, 'system', null, $4::text, null, $2
    from assigned where $4::text is not null
  ),
  reset as (
    update users set missed_offers = 0
    from accepted
    where users.id = accepted.agent_id and users.missed_offers <> 0
  )
  select (select count(*) from accepted)::int as accepted, assigned.*
  from (select 1) as one left join assigned on true`;

/** Parsed once per pooled connection under this name. */
const acceptStatementName = 'beckon_accept_offer_5';

type AcceptRow = { accepted: number } & {
  [K in keyof Selectable<ConversationsTable>]: Selectable<ConversationsTable>[K] | null;
};

/**
 * `Store.acceptOffer` on PostgreSQL in ONE statement (one round trip) instead of the shared transaction's eight
 * (BEGIN, read the offer, lock the agent, close the offer, reset the missed offers, assign the conversation, read
 * it, COMMIT), and the "joined" message's append after it.
 */
export async function acceptOfferOnce(
  pool: Queryable,
  id: string,
  at: number,
  agentId?: string,
  joinedText?: string,
): Promise<Acceptance> {
  const messageId = joinedText === undefined ? null : newMessageId();
  const { rows } = await pool.query<AcceptRow>({
    name: acceptStatementName,
    text: acceptSql,
    values: [id, at, agentId ?? null, joinedText ?? null, messageId],
  });
  const { accepted, ...conversation } = rows[0]!;
  if (accepted === 0) return { outcome: 'closed' };
  if (conversation.id === null) return { outcome: 'ended' };
  const assigned = conversationFromRow(conversation as Selectable<ConversationsTable>);
  if (joinedText === undefined) return { outcome: 'assigned', conversation: assigned };
  const message: ChatMessage = {
    id: messageId!,
    conversationId: assigned.id,
    seq: assigned.lastSeq,
    author: 'system',
    text: joinedText,
    createdAt: at,
  };
  return { outcome: 'assigned', conversation: assigned, message };
}
