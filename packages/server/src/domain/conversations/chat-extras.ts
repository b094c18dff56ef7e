import type { AgentAvailability, ChatSurvey, ChatSurveyInput, HoursStatus } from '@beckon/protocol';
import { hoursAt } from '@beckon/rules';
import type { Clock } from '../../ports/clock.ts';
import type { Store, UserRow, WidgetRow } from '../../ports/store.ts';
import { fail } from '../errors.ts';
import type { Fanout } from '../fanout.ts';
import { estimateWaitSeconds, queueLoad } from '../routing/queue-positions.ts';
import type { VisitorSession } from '../visitors/visitor-session.ts';
import type { ConversationsService } from './conversations-service.ts';

/**
 * The wait per chat ahead of the visitor when routing has no estimate (no handling history for the queue, or
 * no available agent): `averageWaitTime` must be a number, so this stated fallback (docs/widget.md) fills in.
 */
export const estimatedSecondsPerChatAhead = 120;

/**
 * What the widget adds around a conversation (issue 5): operating hours, agent availability, the post-chat
 * survey and typing indicators. Kept apart from ConversationsService, which owns messages and status.
 */
export class ChatExtrasService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly fanout: Fanout,
    private readonly conversations: ConversationsService,
  ) {}

  /** The widget's hours as the visitor sees them in `welcome`; undefined for a widget without hours. */
  hoursStatus(widget: WidgetRow): HoursStatus | undefined {
    const hours = widget.operatingHours;
    if (!hours) return undefined;
    const state = hoursAt(hours, this.clock.now());
    const status: HoursStatus = { open: state.open };
    if (state.nextChangeAt !== undefined) status.nextChangeAt = state.nextChangeAt;
    if (hours.offlineMessage) status.offlineMessage = hours.offlineMessage;
    if (hours.offlineMessages) status.offlineMessages = hours.offlineMessages;
    return status;
  }

  isOpen(widget: WidgetRow): boolean {
    return !widget.operatingHours || hoursAt(widget.operatingHours, this.clock.now()).open;
  }

  /** A new chat outside hours is refused; an open one carries on (the visitor is not cut off at closing time). */
  async requireOpenForNewChat(session: VisitorSession): Promise<void> {
    const widget = (await this.store.getWidget(session.widget.id)) ?? session.widget;
    if (this.isOpen(widget)) return;
    if (await this.store.findOpenConversation(session.visitorId)) return;
    fail('OUTSIDE_OPERATING_HOURS', 'The chat is closed now; see the operating hours.');
  }

  /** `getAgentAvailability()` for this visitor. */
  async availability(session: VisitorSession): Promise<AgentAvailability> {
    const widget = (await this.store.getWidget(session.widget.id)) ?? session.widget;
    const now = this.clock.now();
    const freeSlots = await this.freeSlots(widget.queueId);
    const waiting = await this.store.listWaitingConversations(widget.queueId);
    const position = waiting.findIndex((conversation) => conversation.visitorId === session.visitorId) + 1;
    // Chats ahead of this visitor's (or of a chat started now) each take one estimated turn.
    const turns = position > 0 ? position : waiting.length + 1;
    const result: AgentAvailability = {
      queueId: widget.queueId,
      isQueueAvailable: this.isOpen(widget),
      isAgentAvailable: freeSlots > 0,
      positionInQueue: position,
      averageWaitTime: freeSlots > 0 ? 0 : await this.estimatedWait(widget.queueId, turns),
    };
    if (widget.operatingHours) {
      const state = hoursAt(widget.operatingHours, now);
      if (state.periodStart !== undefined) {
        result.startTimeOfNextOperatingHour = new Date(state.periodStart).toISOString();
      }
      if (state.periodEnd !== undefined) {
        result.endTimeOfNextOperatingHour = new Date(state.periodEnd).toISOString();
      }
    }
    return result;
  }

  /** Routing's estimate (the one in `queue.position`, docs/routing.md) for the chat `turns` places back. */
  private async estimatedWait(queueId: string, turns: number): Promise<number> {
    const estimate = estimateWaitSeconds(turns, await queueLoad(this.store, queueId));
    return estimate ?? turns * estimatedSecondsPerChatAhead;
  }

  /** The post-chat survey: for an ended conversation of this visitor, once. The agent sees it live. */
  async submitSurvey(
    session: VisitorSession,
    conversationId: string,
    input: ChatSurveyInput,
  ): Promise<ChatSurvey> {
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
  async survey(user: UserRow, conversationId: string): Promise<ChatSurvey | null> {
    const conversation = await this.store.getConversation(conversationId);
    if (!conversation || (user.role === 'agent' && conversation.agentId !== user.id)) {
      fail('CONVERSATION_NOT_FOUND', `No conversation ${conversationId} for you.`);
    }
    return (await this.store.getChatSurvey(conversationId)) ?? null;
  }

  /** The visitor's typing state goes to the agent of their active chat; without one it is dropped. */
  async visitorTyping(session: VisitorSession, typing: boolean): Promise<void> {
    const conversation = await this.store.findOpenConversation(session.visitorId);
    if (conversation?.status !== 'active' || !conversation.agentId) return;
    await this.fanout.toAgent(conversation.agentId, {
      type: 'typing',
      conversationId: conversation.id,
      typing,
    });
  }

  async agentTyping(agent: UserRow, conversationId: string, typing: boolean): Promise<void> {
    const conversation = await this.conversations.agentConversation(agent, conversationId);
    if (conversation.status !== 'active') return;
    await this.fanout.toVisitor(conversation.visitorId, { type: 'typing', conversationId, typing });
  }

  /** Free capacity (conversations an agent could still take) summed over the queue's available agents. */
  private async freeSlots(queueId: string): Promise<number> {
    let free = 0;
    for (const agentId of await this.store.listQueueMembers(queueId)) {
      if ((await this.store.getPresence(agentId)) !== 'available') continue;
      const capacity = (await this.store.getUser(agentId))?.capacity ?? 0;
      const active = await this.store.listAgentConversations(agentId, ['active']);
      const pending = await this.store.listPendingOffersForAgent(agentId);
      free += Math.max(0, capacity - active.length - pending.length);
    }
    return free;
  }
}
