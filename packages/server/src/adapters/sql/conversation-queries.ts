import type { ConversationStatus, CustomerMatch } from '@beckon/protocol';
import type { ConversationRow } from '../../ports/store.ts';
import { conversationFromRow, conversationToRow } from './mappers.ts';
import type { Db } from './schema.ts';

/**
 * Conversations. `assignConversation` and `endConversation` are conditional writes: the row changes only from
 * the expected status, and exactly one concurrent caller sees its update count as 1.
 */

export async function createConversation(db: Db, conversation: ConversationRow): Promise<void> {
  await db.insertInto('conversations').values(conversationToRow(conversation)).execute();
}

export async function getConversation(db: Db, id: string): Promise<ConversationRow | undefined> {
  const row = await db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
  return row && conversationFromRow(row);
}

export async function findOpenConversation(db: Db, visitorId: string): Promise<ConversationRow | undefined> {
  const row = await db
    .selectFrom('conversations')
    .selectAll()
    .where('visitor_id', '=', visitorId)
    .where('status', 'in', ['waiting', 'active'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row && conversationFromRow(row);
}

export async function listAgentConversations(
  db: Db,
  agentId: string,
  statuses: ConversationStatus[],
): Promise<ConversationRow[]> {
  // `IN ()` is a syntax error on PostgreSQL; no status asked for means nothing to return.
  if (statuses.length === 0) return [];
  const rows = await db
    .selectFrom('conversations')
    .selectAll()
    .where('agent_id', '=', agentId)
    .where('status', 'in', statuses)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(conversationFromRow);
}

export async function listWaitingConversations(db: Db, queueId: string): Promise<ConversationRow[]> {
  const rows = await db
    .selectFrom('conversations')
    .selectAll()
    .where('queue_id', '=', queueId)
    .where('status', '=', 'waiting')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(conversationFromRow);
}

export async function assignConversation(db: Db, id: string, agentId: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable('conversations')
    .set({ status: 'active', agent_id: agentId, accepted_at: at })
    .where('id', '=', id)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function endConversation(db: Db, id: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable('conversations')
    .set({ status: 'ended', ended_at: at })
    .where('id', '=', id)
    .where('status', 'in', ['waiting', 'active'])
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function setConversationCustomer(db: Db, id: string, customer: CustomerMatch): Promise<void> {
  await db
    .updateTable('conversations')
    .set({ customer: JSON.stringify(customer) })
    .where('id', '=', id)
    .execute();
}
