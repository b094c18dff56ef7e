import type { ChatSurvey, SurveyListItem } from '@beckon/protocol';
import type { SurveyStore } from '../../../ports/store.ts';
import { toNumber } from '../mappers.ts';
import type { Db } from '../schema.ts';

function surveyFromRow(row: {
  conversation_id: string;
  rating: number | string;
  comment: string | null;
  created_at: number | string | bigint;
}): ChatSurvey {
  const survey: ChatSurvey = {
    conversationId: row.conversation_id,
    rating: toNumber(row.rating),
    createdAt: toNumber(row.created_at),
  };
  if (row.comment !== null) survey.comment = row.comment;
  return survey;
}

/** Ids per query: well under SQLite's and PostgreSQL's bound-parameter limits. */
const idsPerQuery = 500;

/** Post-chat surveys: one per conversation, first answer wins. */
export class SqlSurveys implements SurveyStore {
  constructor(private readonly db: Db) {}

  async saveChatSurvey(survey: ChatSurvey): Promise<boolean> {
    // The primary key makes "once" hold across nodes: a second insert for the conversation changes nothing.
    const result = await this.db
      .insertInto('chat_surveys')
      .values({
        conversation_id: survey.conversationId,
        rating: survey.rating,
        comment: survey.comment ?? null,
        created_at: survey.createdAt,
      })
      .onConflict((oc) => oc.column('conversation_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async getChatSurvey(conversationId: string): Promise<ChatSurvey | undefined> {
    const row = await this.db
      .selectFrom('chat_surveys')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
    return row ? surveyFromRow(row) : undefined;
  }

  async listChatSurveys(conversationIds: readonly string[]): Promise<ChatSurvey[]> {
    const result: ChatSurvey[] = [];
    for (let start = 0; start < conversationIds.length; start += idsPerQuery) {
      const ids = conversationIds.slice(start, start + idsPerQuery);
      const rows = await this.db
        .selectFrom('chat_surveys')
        .selectAll()
        .where('conversation_id', 'in', ids)
        .execute();
      for (const row of rows) result.push(surveyFromRow(row));
    }
    return result;
  }

  async listRecentChatSurveys(limit: number, before?: number): Promise<SurveyListItem[]> {
    let query = this.db
      .selectFrom('chat_surveys as s')
      .innerJoin('conversations as c', 'c.id', 's.conversation_id')
      .leftJoin('users as u', 'u.id', 'c.agent_id')
      .select([
        's.conversation_id',
        's.rating',
        's.comment',
        's.created_at',
        'c.widget_id',
        'c.agent_id',
        'u.name as agent_name',
      ])
      .orderBy('s.created_at', 'desc')
      .orderBy('s.conversation_id', 'asc')
      .limit(limit);
    if (before !== undefined) query = query.where('s.created_at', '<', before);
    const rows = await query.execute();
    return rows.map((row) => {
      const item: SurveyListItem = { ...surveyFromRow(row), widgetId: row.widget_id };
      if (row.agent_id !== null) item.agentId = row.agent_id;
      if (row.agent_name !== null) item.agentName = row.agent_name;
      return item;
    });
  }
}
