import type { ChatSurvey, ChatSurveyInput } from '@beckon/protocol';
import type { Clock } from '../../ports/clock.ts';
import type { Store, UserRow } from '../../ports/store.ts';
import { fail } from '../errors.ts';
import type { Fanout } from '../fanout.ts';
import type { VisitorSession } from '../visitors/visitor-session.ts';

/** The post-chat survey: one per ended conversation, from its visitor; its agent sees it live. */
export class ChatSurveys {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly fanout: Fanout,
  ) {}

  async submit(session: VisitorSession, conversationId: string, input: ChatSurveyInput): Promise<ChatSurvey> {
    const conversation = await this.store.getConversation(conversationId);
    if (!conversation || conversation.visitorId !== session.visitorId) {
      fail('CONVERSATION_NOT_FOUND', `No conversation ${conversationId} for you.`);
    }
    if (conversation.status !== 'ended') fail('SURVEY_NOT_ALLOWED', 'The chat has not ended yet.');
    const survey: ChatSurvey = { conversationId, rating: input.rating, createdAt: this.clock.now() };
    const comment = input.comment?.trim();
    if (comment) survey.comment = comment;
    if (!(await this.store.saveChatSurvey(survey))) {
      fail('SURVEY_NOT_ALLOWED', 'This chat already has its survey.');
    }
    if (conversation.agentId) {
      await this.fanout.toAgent(conversation.agentId, { type: 'survey', ...survey });
    }
    return survey;
  }

  /** An agent sees the surveys of their own conversations; supervisors and admins see every one. */
  async get(user: UserRow, conversationId: string): Promise<ChatSurvey | null> {
    const conversation = await this.store.getConversation(conversationId);
    if (!conversation || (user.role === 'agent' && conversation.agentId !== user.id)) {
      fail('CONVERSATION_NOT_FOUND', `No conversation ${conversationId} for you.`);
    }
    return (await this.store.getChatSurvey(conversationId)) ?? null;
  }
}
