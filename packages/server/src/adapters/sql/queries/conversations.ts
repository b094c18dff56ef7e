import type { ConversationStatus, CustomerMatch } from '@beckon/protocol';
import { type Insertable, sql } from 'kysely';
import type { ConversationRow, ConversationStore, HandledSpan } from '../../../ports/store.ts';
import { conversationRow } from '../last-seq.ts';
import { conversationFromRow, conversationToRow, toNumber } from '../mappers.ts';
import type { ConversationsTable, Db } from '../schema.ts';

/**
 * Conditional write `waiting` → `active` with this agent; true only for the winner. Not on the port: work reaches
 * an agent only within their capacity (`SqlCapacity`, which runs this inside its transaction).
 */
/** The partial index's predicate, as literal SQL: a conflict target must repeat it exactly to match the index. */
const openStatus = sql<boolean>`status in ('waiting', 'active')`;

/** Tries of `createConversation`; each lost race means another open conversation was created and ended meanwhile. */
const maxCreateAttempts = 3;

/**
 * An open conversation's insert, unless the visitor has one. Only the open-conversation index is a conflict to
 * absorb: a duplicate id still fails loudly.
 */
export function insertOpenConversationQuery(db: Db, row: Insertable<ConversationsTable>) {
  return db
    .insertInto('conversations')
    .values(row)
    .onConflict((oc) => oc.column('visitor_id').where(openStatus).doNothing());
}

export type InsertOpenConversation = (row: Insertable<ConversationsTable>) => Promise<boolean>;

async function insertOpenConversation(db: Db, row: Insertable<ConversationsTable>): Promise<boolean> {
  const result = await insertOpenConversationQuery(db, row).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function assignWaiting(db: Db, id: string, agentId: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable('conversations')
    .set({ status: 'active', agent_id: agentId, accepted_at: at })
    .where('id', '=', id)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Conversations. The conditional writes (`endConversation`, `requeueConversation`, `reassignConversation`) change
 * the row only from the expected status and agent, and exactly one concurrent caller sees its update count as 1.
 */
export class SqlConversations implements ConversationStore {
  constructor(
    private readonly db: Db,
    /** Inserts an open conversation unless the visitor has one; whether it did (an adapter may prepare it). */
    private readonly insertOpen: InsertOpenConversation = (row) => insertOpenConversation(db, row),
  ) {}

  /**
   * The unique partial index `conversations_one_open` allows one open conversation per visitor, so of two
   * concurrent inserts (two tabs, or two nodes) one inserts nothing; it then returns the one that won. The loop
   * covers that winner ending before it is read: the insert is tried again.
   */
  async createConversation(conversation: ConversationRow): Promise<ConversationRow> {
    const row = conversationToRow(conversation);
    if (conversation.status === 'ended') {
      // An ended one (an import) is no open conversation: nothing to absorb, a duplicate id fails loudly.
      await this.db.insertInto('conversations').values(row).execute();
      return conversation;
    }
    for (let attempt = 1; ; attempt++) {
      if (await this.insertOpen(row)) return conversation;
      const winner = await this.findOpenConversation(conversation.visitorId);
      if (winner) return winner;
      if (attempt >= maxCreateAttempts) {
        throw new Error(
          `cannot create conversation ${conversation.id}: the visitor's open one keeps changing`,
        );
      }
    }
  }

  async getConversation(id: string): Promise<ConversationRow | undefined> {
    const row = await this.db
      .selectFrom('conversations')
      .select(conversationRow)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && conversationFromRow(row);
  }

  async findOpenConversation(visitorId: string): Promise<ConversationRow | undefined> {
    const row = await this.db
      .selectFrom('conversations')
      .select(conversationRow)
      .where('visitor_id', '=', visitorId)
      .where('status', 'in', ['waiting', 'active'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row && conversationFromRow(row);
  }

  /** Facts for proactive rules that reach back before the current visit: the last chat and the previous visit. */
  async findLastConversation(visitorId: string): Promise<ConversationRow | undefined> {
    const row = await this.db
      .selectFrom('conversations')
      .select(conversationRow)
      .where('visitor_id', '=', visitorId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row && conversationFromRow(row);
  }

  async listAgentConversations(agentId: string, statuses: ConversationStatus[]): Promise<ConversationRow[]> {
    // `IN ()` is a syntax error on PostgreSQL; no status asked for means nothing to return.
    if (statuses.length === 0) return [];
    const rows = await this.db
      .selectFrom('conversations')
      .select(conversationRow)
      .where('agent_id', '=', agentId)
      .where('status', 'in', statuses)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(conversationFromRow);
  }

  async listWaitingConversations(queueId: string): Promise<ConversationRow[]> {
    const rows = await this.db
      .selectFrom('conversations')
      .select(conversationRow)
      .where('queue_id', '=', queueId)
      .where('status', '=', 'waiting')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(conversationFromRow);
  }

  async listOpenConversations(): Promise<ConversationRow[]> {
    const rows = await this.db
      .selectFrom('conversations')
      .select(conversationRow)
      .where('status', 'in', ['waiting', 'active'])
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(conversationFromRow);
  }

  /**
   * Open (`waiting` or `active`) conversations whose visitor has had no socket on any node since at or before
   * `goneBefore`, oldest first.
   */
  async listAbandonedConversations(goneBefore: number): Promise<ConversationRow[]> {
    const rows = await this.db
      .selectFrom('conversations')
      .innerJoin('visitors', 'visitors.id', 'conversations.visitor_id')
      .select(conversationRow)
      .where('conversations.status', 'in', ['waiting', 'active'])
      .where('visitors.gone_since', 'is not', null)
      .where('visitors.gone_since', '<=', goneBefore)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('visitor_connections')
              .select('visitor_connections.node_id')
              .whereRef('visitor_connections.visitor_id', '=', 'conversations.visitor_id'),
          ),
        ),
      )
      .orderBy('conversations.created_at')
      .orderBy('conversations.id')
      .execute();
    return rows.map(conversationFromRow);
  }

  async listRecentlyHandled(queueId: string, limit: number): Promise<HandledSpan[]> {
    const rows = await this.db
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

  async endConversation(id: string, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('conversations')
      .set({ status: 'ended', ended_at: at })
      .where('id', '=', id)
      .where('status', 'in', ['waiting', 'active'])
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async requeueConversation(id: string, fromAgentId: string, queueId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('conversations')
      .set({ status: 'waiting', agent_id: null, accepted_at: null, queue_id: queueId })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .where('agent_id', '=', fromAgentId)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async reassignConversation(id: string, fromAgentId: string, toAgentId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('conversations')
      .set({ agent_id: toAgentId })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .where('agent_id', '=', fromAgentId)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async setConversationCustomer(id: string, customer: CustomerMatch): Promise<void> {
    await this.db
      .updateTable('conversations')
      .set({ customer: JSON.stringify(customer) })
      .where('id', '=', id)
      .execute();
  }
}
