import type { Attachment, ChatMessage } from '@beckon/protocol';
import { type InferResult, sql } from 'kysely';
import type { MessageStore, MessagesWithReceipts, NewMessage, ReceiptMarks } from '../../../ports/store.ts';
import { lastSeqNow } from '../last-seq.ts';
import { messageFromRow, toNumber } from '../mappers.ts';
import { newMessageId } from '../message-ids.ts';
import type { Db } from '../schema.ts';
import { readMarks } from './receipts.ts';

/** Thrown inside the transaction to roll back the seq increment when the message turns out to be a retry. */
class AlreadyStored extends Error {
  constructor(readonly existing: ChatMessage) {
    super('message already stored');
  }
}

async function findByClientMsgId(db: Db, message: NewMessage, clientMsgId: string) {
  const row = await db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', message.conversationId)
    .where('author', '=', message.author)
    .where('client_msg_id', '=', clientMsgId)
    .executeTakeFirst();
  return row && messageFromRow(row);
}

/**
 * Messages and their per-conversation sequence numbers.
 *
 * The sequence comes from `UPDATE conversations SET last_seq = <its last seq> + 1 … RETURNING last_seq` inside
 * the transaction that inserts the message (the last seq as `lastSeqNow` reads it: SQLite's batch leaves
 * `last_seq` behind). On SQLite the single connection serialises transactions; on PostgreSQL
 * the UPDATE takes the conversation's row lock, so concurrent appends queue behind it and seqs stay gapless.
 * `PostgresStore` appends a turn's messages in one statement instead (`adapters/postgres/append-batch.ts`), same semantics.
 */
export class SqlMessages implements MessageStore {
  constructor(private readonly db: Db) {}

  async appendMessage(message: NewMessage): Promise<ChatMessage> {
    const { clientMsgId } = message;
    if (clientMsgId !== undefined) {
      // Fast path for a client retry: no write, no lock.
      const existing = await findByClientMsgId(this.db, message, clientMsgId);
      if (existing) return existing;
    }
    try {
      return await this.db.transaction().execute(async (trx) => {
        const bumped = await trx
          .updateTable('conversations')
          .set({ last_seq: sql<number>`${lastSeqNow} + 1` })
          .where('id', '=', message.conversationId)
          .returning('last_seq')
          .executeTakeFirst();
        if (!bumped)
          throw new Error(`cannot append message: conversation ${message.conversationId} does not exist`);
        if (clientMsgId !== undefined) {
          // Checked again under the row lock: two concurrent retries may both have missed the fast path.
          const existing = await findByClientMsgId(trx, message, clientMsgId);
          if (existing) throw new AlreadyStored(existing);
        }
        const stored: ChatMessage = {
          id: newMessageId(),
          conversationId: message.conversationId,
          seq: toNumber(bumped.last_seq),
          author: message.author,
          text: message.text,
          createdAt: message.createdAt,
        };
        if (message.authorName !== undefined) stored.authorName = message.authorName;
        if (clientMsgId !== undefined) stored.clientMsgId = clientMsgId;
        await trx
          .insertInto('messages')
          .values({
            id: stored.id,
            conversation_id: stored.conversationId,
            seq: stored.seq,
            author: stored.author,
            author_name: stored.authorName ?? null,
            text: stored.text,
            client_msg_id: stored.clientMsgId ?? null,
            created_at: stored.createdAt,
          })
          .execute();
        return stored;
      });
    } catch (error) {
      if (error instanceof AlreadyStored) return error.existing;
      throw error;
    }
  }

  async listMessages(conversationId: string, afterSeq: number): Promise<ChatMessage[]> {
    return (await messagesQuery(this.db, conversationId, afterSeq).execute()).map(messageWithFile);
  }

  async listMessagesWithReceipts(conversationId: string): Promise<MessagesWithReceipts> {
    return messagesWithReceiptsFromRows(
      await messagesWithReceiptsQuery(this.db, conversationId).execute(),
      () => readMarks(this.db, conversationId),
    );
  }
}

/** Messages with seq > afterSeq in seq order, each with the file it announces, if any. */
export function messagesQuery(db: Db, conversationId: string, afterSeq: number) {
  // The file a message announces comes along (files.message_id is indexed; most messages have none).
  return db
    .selectFrom('messages')
    .leftJoin('files', 'files.message_id', 'messages.id')
    .selectAll('messages')
    .select([
      'files.id as file_id',
      'files.name as file_name',
      'files.content_type as file_type',
      'files.size as file_size',
      'files.width as file_width',
      'files.height as file_height',
    ])
    .where('messages.conversation_id', '=', conversationId)
    .where('messages.seq', '>', afterSeq)
    .orderBy('messages.seq');
}

type MessageWithFileRow = InferResult<ReturnType<typeof messagesQuery>>[number];

function messageWithFile({
  file_id,
  file_name,
  file_type,
  file_size,
  file_width,
  file_height,
  ...row
}: MessageWithFileRow): ChatMessage {
  const message = messageFromRow(row);
  if (file_id === null || file_name === null || file_type === null || file_size === null) return message;
  const attachment: Attachment = {
    id: file_id,
    name: file_name,
    contentType: file_type,
    size: toNumber(file_size),
  };
  if (file_width !== null && file_height !== null) {
    attachment.width = file_width;
    attachment.height = file_height;
  }
  return { ...message, attachment };
}

/** Every message of the conversation, its receipt marks repeated on each row. */
export function messagesWithReceiptsQuery(db: Db, conversationId: string) {
  const mark = (column: 'delivered_seq' | 'read_seq' | 'agent_read_seq') =>
    db.selectFrom('receipts').select(column).where('receipts.conversation_id', '=', conversationId);
  return messagesQuery(db, conversationId, 0).select([
    mark('delivered_seq').as('r_delivered'),
    mark('read_seq').as('r_read'),
    mark('agent_read_seq').as('r_agent_read'),
  ]);
}

/** With no message there is no row to carry the marks: they are read on their own (`readAlone`). */
export async function messagesWithReceiptsFromRows(
  rows: InferResult<ReturnType<typeof messagesWithReceiptsQuery>>,
  readAlone: () => Promise<ReceiptMarks>,
): Promise<MessagesWithReceipts> {
  const first = rows[0];
  if (!first) return { messages: [], receipts: await readAlone() };
  const receipts = {
    delivered: toNumber(first.r_delivered ?? 0),
    read: toNumber(first.r_read ?? 0),
    agentRead: toNumber(first.r_agent_read ?? 0),
  };
  return {
    messages: rows.map(({ r_delivered, r_read, r_agent_read, ...row }) => messageWithFile(row)),
    receipts,
  };
}
