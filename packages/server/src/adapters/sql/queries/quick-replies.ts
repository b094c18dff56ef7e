import type { QuickReplyRow, QuickReplyStore } from '../../../ports/store.ts';
import { toNumber } from '../mappers.ts';
import type { Db } from '../schema.ts';

/** Quick replies, listed by title. */
export class SqlQuickReplies implements QuickReplyStore {
  constructor(private readonly db: Db) {}

  async createQuickReply(reply: QuickReplyRow): Promise<void> {
    await this.db
      .insertInto('quick_replies')
      .values({ id: reply.id, title: reply.title, text: reply.text, created_at: reply.createdAt })
      .execute();
  }

  async listQuickReplies(): Promise<QuickReplyRow[]> {
    const rows = await this.db
      .selectFrom('quick_replies')
      .selectAll()
      .orderBy('title')
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      text: row.text,
      createdAt: toNumber(row.created_at),
    }));
  }

  async updateQuickReply(reply: QuickReplyRow): Promise<boolean> {
    const result = await this.db
      .updateTable('quick_replies')
      .set({ title: reply.title, text: reply.text })
      .where('id', '=', reply.id)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async deleteQuickReply(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('quick_replies').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows === 1n;
  }
}
