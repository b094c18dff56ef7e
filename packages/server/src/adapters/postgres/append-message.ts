import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '@beckon/protocol';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { NewMessage } from '../../ports/store.ts';
import { messageFromRow } from '../sql/mappers.ts';
import type { Database, MessagesTable } from '../sql/schema.ts';

/** The partial unique index on (conversation_id, author, client_msg_id) of migration 0001. */
const clientMsgIdIndex = 'messages_client_msg_id_unique';

/**
 * How many times the statement runs again after losing a race on the client-id index. One retry always suffices
 * (the row it collided with is committed, so the next statement's snapshot returns it); the bound is a guard.
 */
const maxAttempts = 3;

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
export async function appendMessageOnce(db: Kysely<Database>, message: NewMessage): Promise<ChatMessage> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await appendStatement(db, message);
    } catch (error) {
      if (attempt >= maxAttempts || !isClientMsgIdConflict(error)) throw error;
    }
  }
}

async function appendStatement(db: Kysely<Database>, message: NewMessage): Promise<ChatMessage> {
  const id = `msg_${randomUUID().replaceAll('-', '')}`;
  const clientMsgId = message.clientMsgId ?? null;
  // Without a clientMsgId, `client_msg_id = NULL` matches nothing: no retry lookup, always a new message.
  const { rows } = await sql<Selectable<MessagesTable>>`
    with existing as (
      select * from messages
      where conversation_id = ${message.conversationId}
        and author = ${message.author}
        and client_msg_id = ${clientMsgId}
    ),
    bumped as (
      update conversations set last_seq = last_seq + 1
      where id = ${message.conversationId} and not exists (select 1 from existing)
      returning last_seq
    ),
    inserted as (
      insert into messages (id, conversation_id, seq, author, author_name, text, client_msg_id, created_at)
      select ${id}, ${message.conversationId}, bumped.last_seq, ${message.author}, ${message.authorName ?? null},
        ${message.text}, ${clientMsgId}, ${message.createdAt}
      from bumped
      returning *
    )
    select * from inserted
    union all
    select * from existing
  `.execute(db);
  const row = rows[0];
  if (!row) throw new Error(`cannot append message: conversation ${message.conversationId} does not exist`);
  return messageFromRow(row);
}

function isClientMsgIdConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === clientMsgIdIndex;
}
