import { conversationColumnsButSeq } from '../sql/last-seq.ts';
import { type InsertOpenConversation, insertOpenConversationQuery } from '../sql/queries/conversations.ts';
import type { PostgresConnection } from './connection.ts';
import { PreparedQuery } from './prepared-query.ts';

/** The columns an open conversation's insert writes, in the order its prepared statement takes them. */
const insertedColumns = [...conversationColumnsButSeq, 'last_seq'] as const;

/**
 * The shared path's open-conversation insert, prepared once per pooled connection: opening a chat sends it on
 * every `chat.start`, where building and planning it cost more than running it.
 */
export function preparedInsertOpenConversation({ db, pool }: PostgresConnection): InsertOpenConversation {
  const insert = new PreparedQuery(
    pool,
    'beckon_insert_open_conversation_1',
    insertedColumns.length,
    (...values: unknown[]) =>
      insertOpenConversationQuery(
        db,
        Object.fromEntries(insertedColumns.map((column, i) => [column, values[i]])) as never,
      ).returning('id'),
  );
  return async (row) => (await insert.rows(...insertedColumns.map((column) => row[column]))).length === 1;
}
