import type { ConversationRow, WrapUpRow, WrapUpStore } from '../../../ports/store.ts';
import { conversationRow } from '../last-seq.ts';
import { conversationFromRow } from '../mappers.ts';
import type { Db } from '../schema.ts';

/** Wrap-ups: the primary key keeps one per conversation across nodes. */
export class SqlWrapUps implements WrapUpStore {
  constructor(private readonly db: Db) {}

  async saveWrapUp(wrapUp: WrapUpRow): Promise<boolean> {
    const result = await this.db
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

  async listAwaitingWrapUp(agentId: string, since: number): Promise<ConversationRow[]> {
    const rows = await this.db
      .selectFrom('conversations')
      .select(conversationRow)
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
}
