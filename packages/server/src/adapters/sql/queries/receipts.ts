import type { ReceiptMarks, ReceiptStore } from '../../../ports/store.ts';
import { toNumber } from '../mappers.ts';
import type { Db } from '../schema.ts';

export async function readMarks(db: Db, conversationId: string): Promise<ReceiptMarks> {
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
  return readMarks(db, conversationId);
}

/** Receipt marks per conversation, each only ever raised. */
export class SqlReceipts implements ReceiptStore {
  constructor(private readonly db: Db) {}

  /** The widget received (or showed) the agent's messages up to `seq`; read implies delivered. */
  markReceipt(conversationId: string, status: 'delivered' | 'read', seq: number): Promise<ReceiptMarks> {
    return raiseMarks(
      this.db,
      conversationId,
      status === 'read' ? ['delivered_seq', 'read_seq'] : ['delivered_seq'],
      seq,
    );
  }

  getReceipts(conversationId: string): Promise<ReceiptMarks> {
    return readMarks(this.db, conversationId);
  }

  /** The agent has read the visitor's messages up to `seq`. */
  markAgentRead(conversationId: string, seq: number): Promise<ReceiptMarks> {
    return raiseMarks(this.db, conversationId, ['agent_read_seq'], seq);
  }
}
