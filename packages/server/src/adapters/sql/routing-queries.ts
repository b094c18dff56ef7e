import type { WrapUpOutcome } from '@beckon/protocol';
import type {
  ConversationRow,
  HandledSpan,
  InvitationStatus,
  QuickReplyRow,
  ReceiptMarks,
  WrapUpRow,
} from '../../ports/store.ts';
import { conversationFromRow, toNumber } from './mappers.ts';
import type { Db } from './schema.ts';

/**
 * What routing needs beyond offers: handling times for the estimated wait, transfers (conditional writes from
 * the expected agent, so a transfer racing an end or another transfer has one winner), wrap-ups, and the
 * supervisor's counts; and the agents' quick replies.
 */

export async function listRecentlyHandled(db: Db, queueId: string, limit: number): Promise<HandledSpan[]> {
  const rows = await db
    .selectFrom('conversations')
    .select(['accepted_at', 'ended_at'])
    .where('queue_id', '=', queueId)
    .where('status', '=', 'ended')
    .where('accepted_at', 'is not', null)
    .where('ended_at', 'is not', null)
    .orderBy('ended_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ acceptedAt: toNumber(row.accepted_at!), endedAt: toNumber(row.ended_at!) }));
}

export async function requeueConversation(
  db: Db,
  id: string,
  fromAgentId: string,
  queueId: string,
): Promise<boolean> {
  const result = await db
    .updateTable('conversations')
    .set({ status: 'waiting', agent_id: null, accepted_at: null, queue_id: queueId })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where('agent_id', '=', fromAgentId)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function reassignConversation(
  db: Db,
  id: string,
  fromAgentId: string,
  toAgentId: string,
): Promise<boolean> {
  const result = await db
    .updateTable('conversations')
    .set({ agent_id: toAgentId })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where('agent_id', '=', fromAgentId)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function saveWrapUp(db: Db, wrapUp: WrapUpRow): Promise<boolean> {
  const result = await db
    .insertInto('wrap_ups')
    .values({
      conversation_id: wrapUp.conversationId,
      agent_id: wrapUp.agentId,
      outcome: wrapUp.outcome,
      notes: wrapUp.notes,
      at: wrapUp.at,
    })
    .onConflict((oc) => oc.column('conversation_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function getWrapUp(db: Db, conversationId: string): Promise<WrapUpRow | undefined> {
  const row = await db
    .selectFrom('wrap_ups')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  return (
    row && {
      conversationId: row.conversation_id,
      agentId: row.agent_id,
      outcome: row.outcome as WrapUpOutcome,
      notes: row.notes,
      at: toNumber(row.at),
    }
  );
}

export async function listAwaitingWrapUp(db: Db, agentId: string, since: number): Promise<ConversationRow[]> {
  const rows = await db
    .selectFrom('conversations')
    .selectAll()
    .where('agent_id', '=', agentId)
    .where('status', '=', 'ended')
    .where('ended_at', '>=', since)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('wrap_ups')
            .select('wrap_ups.conversation_id')
            .whereRef('wrap_ups.conversation_id', '=', 'conversations.id'),
        ),
      ),
    )
    .orderBy('ended_at')
    .orderBy('id')
    .execute();
  return rows.map(conversationFromRow);
}

export async function listOpenConversations(db: Db): Promise<ConversationRow[]> {
  const rows = await db
    .selectFrom('conversations')
    .selectAll()
    .where('status', 'in', ['waiting', 'active'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(conversationFromRow);
}

export async function countInvitationsByStatus(
  db: Db,
  since: number,
): Promise<Record<InvitationStatus, number>> {
  const rows = await db
    .selectFrom('invitations')
    .select(['status', db.fn.countAll<number | string | bigint>().as('n')])
    .where('created_at', '>=', since)
    .groupBy('status')
    .execute();
  const counts: Record<InvitationStatus, number> = {
    shown: 0,
    accepted: 0,
    dismissed: 0,
    expired: 0,
    held: 0,
  };
  for (const row of rows) counts[row.status as InvitationStatus] = toNumber(row.n);
  return counts;
}

export async function createQuickReply(db: Db, reply: QuickReplyRow): Promise<void> {
  await db
    .insertInto('quick_replies')
    .values({ id: reply.id, title: reply.title, text: reply.text, created_at: reply.createdAt })
    .execute();
}

export async function listQuickReplies(db: Db): Promise<QuickReplyRow[]> {
  const rows = await db.selectFrom('quick_replies').selectAll().orderBy('title').orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    text: row.text,
    createdAt: toNumber(row.created_at),
  }));
}

export async function updateQuickReply(db: Db, reply: QuickReplyRow): Promise<boolean> {
  const result = await db
    .updateTable('quick_replies')
    .set({ title: reply.title, text: reply.text })
    .where('id', '=', reply.id)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function deleteQuickReply(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('quick_replies').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows === 1n;
}

export async function getReceipts(db: Db, conversationId: string): Promise<ReceiptMarks> {
  const row = await db
    .selectFrom('receipts')
    .select(['delivered_seq', 'read_seq', 'agent_read_seq'])
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
  return {
    delivered: row ? toNumber(row.delivered_seq) : 0,
    read: row ? toNumber(row.read_seq) : 0,
    agentRead: row ? toNumber(row.agent_read_seq) : 0,
  };
}

type MarkColumn = 'delivered_seq' | 'read_seq' | 'agent_read_seq';

/** Raises the marks to `seq`: each only moves up, so a late or reordered receipt never takes one back. */
async function raiseMarks(
  db: Db,
  conversationId: string,
  columns: MarkColumn[],
  seq: number,
): Promise<ReceiptMarks> {
  await db
    .insertInto('receipts')
    .values({ conversation_id: conversationId, delivered_seq: 0, read_seq: 0 })
    .onConflict((oc) => oc.column('conversation_id').doNothing())
    .execute();
  for (const column of columns) {
    await db
      .updateTable('receipts')
      .set({ [column]: seq })
      .where('conversation_id', '=', conversationId)
      .where(column, '<', seq)
      .execute();
  }
  return getReceipts(db, conversationId);
}

/** The agent has read the visitor's messages up to `seq`. */
export function markAgentRead(db: Db, conversationId: string, seq: number): Promise<ReceiptMarks> {
  return raiseMarks(db, conversationId, ['agent_read_seq'], seq);
}

/** The widget received (or showed) the agent's messages up to `seq`; read implies delivered. */
export function markReceipt(
  db: Db,
  conversationId: string,
  status: 'delivered' | 'read',
  seq: number,
): Promise<ReceiptMarks> {
  return raiseMarks(
    db,
    conversationId,
    status === 'read' ? ['delivered_seq', 'read_seq'] : ['delivered_seq'],
    seq,
  );
}
