import type { ContextSnapshot } from '@beckon/protocol';
import type { LeftMessageRow, LeftMessageStore } from '../../../ports/store.ts';
import { toNumber } from '../mappers.ts';
import type { Db } from '../schema.ts';

/** Left messages: one row per conversation, with the conversation's origin rewritten in the same transaction. */
export class SqlLeftMessages implements LeftMessageStore {
  constructor(private readonly db: Db) {}

  saveLeftMessage(row: LeftMessageRow): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto('left_messages')
        .values({
          conversation_id: row.conversationId,
          visitor_id: row.visitorId,
          name: row.name,
          email: row.email,
          language: row.language,
          created_at: row.createdAt,
        })
        .onConflict((oc) => oc.column('conversation_id').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      const conversation = await tx
        .selectFrom('conversations')
        .select('context')
        .where('id', '=', row.conversationId)
        .executeTakeFirst();
      if (conversation) {
        const context = JSON.parse(conversation.context) as ContextSnapshot;
        context.origin = { kind: 'left-message' };
        await tx
          .updateTable('conversations')
          .set({ context: JSON.stringify(context) })
          .where('id', '=', row.conversationId)
          .execute();
      }
      return true;
    });
  }

  async getLeftMessage(conversationId: string): Promise<LeftMessageRow | undefined> {
    const row = await this.db
      .selectFrom('left_messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      conversationId: row.conversation_id,
      visitorId: row.visitor_id,
      name: row.name,
      email: row.email,
      language: row.language,
      createdAt: toNumber(row.created_at),
    };
  }
}
