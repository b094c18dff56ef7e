import type { Clock } from '../../ports/clock.ts';
import type { Store, UserRow } from '../../ports/store.ts';
import type { Fanout } from '../fanout.ts';
import type { VisitorSession } from '../visitors/visitor-session.ts';
import type { ConversationsService } from './conversations-service.ts';

/** Drafts closer together than this from one visitor are dropped: the widget sends one a second at most. */
export const draftMinIntervalMs = 500;

/**
 * Typing indicators, relayed between the visitor and the agent of an active chat; anything else is dropped.
 * A visitor's draft (sneak peek) reaches the agent only when the widget has sneak peek on, at a bounded rate,
 * and is never stored: it is gone once the agent's screen moves on.
 */
export class TypingRelay {
  /** When each session's last draft went out (weakly held: the entry goes with the session). */
  readonly #lastDraftAt = new WeakMap<VisitorSession, number>();

  constructor(
    private readonly store: Store,
    private readonly fanout: Fanout,
    private readonly conversations: ConversationsService,
    private readonly clock: Clock,
  ) {}

  async visitor(session: VisitorSession, typing: boolean, draft?: string): Promise<void> {
    const shown = typing && draft !== undefined ? await this.#admit(session, draft) : undefined;
    const conversation = await this.store.findOpenConversation(session.visitorId);
    if (conversation?.status !== 'active' || !conversation.agentId) return;
    await this.fanout.toAgent(conversation.agentId, {
      type: 'typing',
      conversationId: conversation.id,
      typing,
      ...(shown !== undefined && { draft: shown }),
    });
  }

  async #admit(session: VisitorSession, draft: string): Promise<string | undefined> {
    const now = this.clock.now();
    if (now - (this.#lastDraftAt.get(session) ?? Number.NEGATIVE_INFINITY) < draftMinIntervalMs)
      return undefined;
    this.#lastDraftAt.set(session, now);
    // Read afresh, not from the session: switching sneak peek off stops drafts at once, not at the next page.
    const widget = await this.store.getWidget(session.widget.id);
    return widget?.sneakPeek ? draft : undefined;
  }

  async agent(agent: UserRow, conversationId: string, typing: boolean): Promise<void> {
    const conversation = await this.conversations.agentConversation(agent, conversationId);
    if (conversation.status !== 'active') return;
    await this.fanout.toVisitor(conversation.visitorId, { type: 'typing', conversationId, typing });
  }
}
