import type { ChatMessage } from '@beckon/protocol';
import type { Selectable } from 'kysely';
import type { QueryConfig, QueryResult, QueryResultRow } from 'pg';
import type { NewMessage } from '../../ports/store.ts';
import { messageFromRow } from '../sql/mappers.ts';
import { newMessageId } from '../sql/message-ids.ts';
import type { MessagesTable } from '../sql/schema.ts';

/** The partial unique index on (conversation_id, author, client_msg_id) of migration 0001. */
const clientMsgIdIndex = 'messages_client_msg_id_unique';

/**
 * How many times the statement runs again after losing a race on the client-id index. One retry always suffices
 * (the row it collided with is committed, so the next statement's snapshot returns it); the bound is a guard.
 */
const maxAttempts = 3;

/** The part of `pg.Pool` the append needs. */
export interface Queryable {
  query<Row extends QueryResultRow>(config: QueryConfig): Promise<QueryResult<Row>>;
}

/** Listed, not `*`: a column added by a later migration must not change a prepared statement's result type. */
const columns = 'id, conversation_id, seq, author, author_name, text, client_msg_id, created_at';

/**
 * Parameters: $1 id, $2 conversation, $3 author, $4 author name, $5 text, $6 client id (null: none), $7 created at.
 * Without a client id, `client_msg_id = NULL` matches nothing: no retry lookup, always a new message.
 */
const appendSql = `
  with existing as (
    select ${columns} from messages where conversation_id = $2 and author = $3 and client_msg_id = $6
  ),
  bumped as (
    update conversations set last_seq = last_seq + 1
    where id = $2 and not exists (select 1 from existing)
    returning last_seq
  ),
  inserted as (
    insert into messages (${columns})
    select $1, $2, bumped.last_seq, $3, $4, $5, $6, $7 from bumped
    returning ${columns}
  )
  select ${columns} from inserted
  union all
  select ${columns} from existing`;

/**
 * A named statement: each pooled connection parses it once, then only binds and executes it (Kysely sends every
 * query unnamed, so PostgreSQL would parse and plan this CTE for each message). A connection pooler between the
 * nodes and PostgreSQL must keep prepared statements per client (PgBouncer in transaction mode: 1.21 or later,
 * with `max_prepared_statements` set).
 */
const appendStatementName = 'beckon_append_message';

/**
 * `Store.appendMessage` on PostgreSQL in ONE statement (one round trip, no explicit transaction) instead of the
 * shared transaction's six (client-id fast path, BEGIN, `last_seq` update, client-id re-check, insert, COMMIT).
 *
 * The data-modifying CTE looks up the retry by (conversation, author, clientMsgId); only when there is none does it
 * bump `last_seq` (taking the conversation's row lock, so concurrent appends queue and seqs stay gapless) and
 * insert with the bumped seq. It returns the inserted row, or the stored one for a retry, or nothing when the
 * conversation does not exist.
 *
 * Concurrent retries of one clientMsgId: both statements may miss the message in their snapshot; the second waits
 * for the first's row lock, then (READ COMMITTED) updates the new row version but its CTE still cannot see the
 * first's insert, so its insert hits the unique index. That error aborts the whole statement — the `last_seq`
 * bump included, so no seq is skipped — and the statement runs again: its new snapshot sees the stored message
 * and returns it.
 */
export async function appendMessageOnce(pool: Queryable, message: NewMessage): Promise<ChatMessage> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await appendStatement(pool, message);
    } catch (error) {
      if (attempt >= maxAttempts || !isClientMsgIdConflict(error)) throw error;
    }
  }
}

async function appendStatement(pool: Queryable, message: NewMessage): Promise<ChatMessage> {
  const values = [
    newMessageId(),
    message.conversationId,
    message.author,
    message.authorName ?? null,
    message.text,
    message.clientMsgId ?? null,
    message.createdAt,
  ];
  const { rows } = await pool.query<Selectable<MessagesTable>>({
    name: appendStatementName,
    text: appendSql,
    values,
  });
  const row = rows[0];
  if (!row) throw new Error(`cannot append message: conversation ${message.conversationId} does not exist`);
  return messageFromRow(row);
}

function isClientMsgIdConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === clientMsgIdIndex;
}
