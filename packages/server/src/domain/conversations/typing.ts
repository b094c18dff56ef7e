import type { Store, UserRow } from '../../ports/store.ts';
import type { Fanout } from '../fanout.ts';
import type { VisitorSession } from '../visitors/visitor-session.ts';
import type { ConversationsService } from './conversations-service.ts';

/** Typing indicators, relayed between the visitor and the agent of an active chat; anything else is dropped. */
export class TypingRelay {
  constructor(
    private readonly store: Store,
    private readonly fanout: Fanout,
    private readonly conversations: ConversationsService,
  ) {}

  async visitor(session: VisitorSession, typing: boolean): Promise<void> {
    const conversation = await this.store.findOpenConversation(session.visitorId);
    if (conversation?.status !== 'active' || !conversation.agentId) return;
    await this.fanout.toAgent(conversation.agentId, {
      type: 'typing',
      conversationId: conversation.id,
      typing,
    });
  }

  async agent(agent: UserRow, conversationId: string, typing: boolean): Promise<void> {
    const conversation = await this.conversations.agentConversation(agent, conversationId);
    if (conversation.status !== 'active') return;
    await this.fanout.toVisitor(conversation.visitorId, { type: 'typing', conversationId, typing });
  }
}
