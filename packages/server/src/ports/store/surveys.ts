import type { ChatSurvey, SurveyListItem } from '@beckon/protocol';

/** Post-chat surveys: one per conversation, the first answer wins. */

export interface SurveyStore {
  /** Stores the survey of a conversation once: false (nothing changed) when it already has one. */
  saveChatSurvey(survey: ChatSurvey): Promise<boolean>;
  getChatSurvey(conversationId: string): Promise<ChatSurvey | undefined>;
  /** The surveys of these conversations, in no order; conversations without one are left out. */
  listChatSurveys(conversationIds: readonly string[]): Promise<ChatSurvey[]>;
  /** The newest surveys first (then by conversation id), created before `before` when given. */
  listRecentChatSurveys(limit: number, before?: number): Promise<SurveyListItem[]>;
}
