// Over 300 lines: the conversation's whole life (open, message, transfer, end) around one lock per conversation; splitting it would spread that lock.
import { type ChatMessage, type ContextSnapshot, normalizeContext, type RawContext } from '@beckon/protocol';
import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import type {
  ConversationRow,
  InvitationRow,
  Store,
  UserRow,
  VisitorMessageAppended,
  WidgetRow,
} from '../../ports/store.ts';
import type { DomainEvents } from '../domain-events.ts';
import { fail } from '../errors.ts';
import type { Fanout } from '../fanout.ts';
import { answersByRecordField, matchCustomer } from '../identity/customer-matching.ts';
import { createFromAnswers } from '../identity/prechat-customers.ts';
import type { VisitorSession } from '../visitors/visitor-session.ts';
import { cleanPrechat, isLeftMessage, originOf } from './conversation-start.ts';
import { visitorDisplayName } from './conversation-views.ts';
import { invitationAuthor } from './invitation-author.ts';

export interface StartChatInput {
  invitation?: InvitationRow;
  /** The inviting agent's name, for an agent's invitation. */
  inviterName?: string;
  prechat?: Record<string, string>;
  context?: RawContext;
}

/** Conversations and their messages. Every message is stored (with its sequence number) before anyone sees it. */
export class ConversationsService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly fanout: Fanout,
    /** Tells routing of a new waiting conversation and of an ended one. */
    private readonly events: DomainEvents,
  ) {}

  /** Opens a chat for the visitor, or returns the one already open (startChat is idempotent). */
  async start(session: VisitorSession, input: StartChatInput): Promise<ConversationRow> {
    const now = this.clock.now();
    const widget = session.widget;
    const prechat = cleanPrechat(input.prechat);
    // The insert below refuses a second open conversation by itself (and returns the open one); reading first is
    // only needed when opening writes something else a chat already open must not get: a customer from answers.
    if (prechat && widget.prechatCreatesCustomers) {
      const open = await this.store.findOpenConversation(session.visitorId);
      if (open) {
        await this.publishStatus(open);
        return open;
      }
    }
    let customer = await matchCustomer(this.store, {
      sub: session.customerSub,
      prechat,
      fields: widget.prechatFields,
    });
    // The widget asks for it: the answers' record is created at once (still unverified until an agent confirms).
    if (customer.proposed && widget.prechatCreatesCustomers) {
      customer = await createFromAnswers(
        { store: this.store, ids: this.ids, clock: this.clock },
        customer.proposed,
      );
    }
    const named = answersByRecordField(prechat ?? {}, widget.prechatFields).name;
    const conversation: ConversationRow = {
      id: this.ids.next('cnv'),
      widgetId: widget.id,
      visitorId: session.visitorId,
      queueId: await this.queueFor(widget.queueId, input.invitation),
      status: 'waiting',
      invitationId: input.invitation?.id,
      context: await this.snapshot(session, input, prechat, named),
      customer,
      createdAt: now,
      lastSeq: 0,
    };
    const stored = await this.store.createConversation(conversation);
    if (stored.id !== conversation.id) {
      // Another tab (or node) opened the visitor's chat meanwhile: this one joins it, as if it had found it.
      await this.publishStatus(stored);
      return stored;
    }
    await this.publishStatus(conversation);
    await this.events.emit('conversationStarted', conversation);
    const { invitation, inviterName } = input;
    if (invitation) await this.invitationMessage(conversation, { invitation, inviterName }, widget);
    await this.events.emit('conversationWaiting', conversation);
    return conversation;
  }

  /** The accepted invitation's text is message 1, stored once by the creating call, in the inviter's name. */
  private async invitationMessage(
    conversation: ConversationRow,
    { invitation, inviterName }: { invitation: InvitationRow; inviterName?: string },
    widget: WidgetRow,
  ): Promise<void> {
    const message = await this.store.appendMessage({
      conversationId: conversation.id,
      author: 'bot',
      authorName: invitationAuthor(widget, inviterName).name,
      text: invitation.message,
      createdAt: conversation.createdAt,
    });
    conversation.lastSeq = message.seq;
    await this.broadcast(conversation, message);
  }

  /** The invitation's rule may route to its own queue; a deleted rule or queue falls back to the widget's. */
  private async queueFor(widgetQueueId: string, invitation: InvitationRow | undefined): Promise<string> {
    const rule = invitation?.ruleId ? await this.store.getRule(invitation.ruleId) : undefined;
    if (rule?.queueId && (await this.store.getQueue(rule.queueId))) return rule.queueId;
    return widgetQueueId;
  }

  /**
   * The store finds the open conversation as it stores the message: no copy kept here can send a message to a
   * chat ended, transferred or taken over on another node.
   */
  visitorMessage(session: VisitorSession, clientMsgId: string, text: string): Promise<ChatMessage> {
    // Chained, not an async function: the relay's most frequent path takes one promise reaction per step.
    return this.store
      .appendVisitorMessage({
        visitorId: session.visitorId,
        text,
        clientMsgId,
        createdAt: this.clock.now(),
        authorName: visitorDisplayName,
      })
      .then(this.broadcastAppended);
  }

  private readonly broadcastAppended = (
    appended: VisitorMessageAppended | undefined,
  ): Promise<ChatMessage> => {
    const { conversation, message } = appended ?? fail('NO_CHAT_OPEN', 'There is no open chat.');
    return this.broadcast(conversation, message).then(() => message);
  };

  async agentMessage(
    agent: UserRow,
    conversationId: string,
    clientMsgId: string,
    text: string,
  ): Promise<ChatMessage> {
    const conversation = await this.agentConversation(agent, conversationId);
    if (conversation.status === 'ended') fail('CONVERSATION_ENDED', 'The conversation has ended.');
    const message = await this.store.appendMessage({
      conversationId,
      author: 'agent',
      authorName: agent.name,
      text,
      clientMsgId,
      createdAt: this.clock.now(),
    });
    await this.broadcast(conversation, message);
    return message;
  }

  async systemMessage(conversation: ConversationRow, text: string): Promise<void> {
    const message = await this.store.appendMessage({
      conversationId: conversation.id,
      author: 'system',
      text,
      createdAt: this.clock.now(),
    });
    await this.broadcast(conversation, message);
  }

  async endByVisitor(session: VisitorSession): Promise<void> {
    const conversation =
      (await this.store.findOpenConversation(session.visitorId)) ??
      fail('NO_CHAT_OPEN', 'There is no open chat.');
    await this.end(conversation, 'The visitor ended the chat.');
  }

  async endByAgent(agent: UserRow, conversationId: string): Promise<void> {
    const conversation = await this.agentConversation(agent, conversationId);
    await this.end(conversation, `${agent.name} ended the chat.`);
  }

  /** The widget received or showed the agent's messages up to `seq`: the agent sees the marks move. */
  async visitorReceipt(
    session: VisitorSession,
    conversationId: string,
    status: 'delivered' | 'read',
    seq: number,
  ): Promise<void> {
    const conversation = await this.store.getConversation(conversationId);
    if (!conversation || conversation.visitorId !== session.visitorId) {
      fail('CONVERSATION_NOT_FOUND', `No conversation ${conversationId} for you.`);
    }
    const marks = await this.store.markReceipt(conversationId, status, Math.min(seq, conversation.lastSeq));
    if (!conversation.agentId) return;
    const mark = status === 'read' ? marks.read : marks.delivered;
    await this.fanout.toAgent(conversation.agentId, {
      type: 'message.receipt',
      conversationId,
      seq: mark,
      status,
    });
  }

  /**
   * The assigned agent has seen the visitor's messages up to `seq`: the visitor's widget shows them as read.
   * Anyone else looking (a supervisor watching, an admin) marks nothing.
   */
  async agentRead(agent: UserRow, conversationId: string, seq: number): Promise<void> {
    const conversation = await this.agentConversation(agent, conversationId);
    if (conversation.agentId !== agent.id) return;
    const mark = Math.min(seq, conversation.lastSeq);
    const before = await this.store.getReceipts(conversationId);
    if (mark <= before.agentRead) return;
    const marks = await this.store.markAgentRead(conversationId, mark);
    await this.fanout.toVisitor(conversation.visitorId, {
      type: 'message.read',
      conversationId,
      seq: marks.agentRead,
    });
  }

  /** The visitor has been gone too long (see visitor-absence.ts): the agent gets the chat to wrap up. */
  async endAbandoned(conversation: ConversationRow): Promise<void> {
    if (conversation.status === 'ended') return;
    await this.end(conversation, 'The visitor left the chat.');
  }

  /** An admin erases the visitor's data: their open chat ends first, so the agent is told it is over. */
  async endForErasure(conversation: ConversationRow): Promise<void> {
    if (conversation.status === 'ended') return;
    await this.end(conversation, 'The chat was closed.');
  }

  /** The conversation if this agent may work on it (assigned to them, or any for an admin). */
  async agentConversation(agent: UserRow, conversationId: string): Promise<ConversationRow> {
    const conversation = await this.store.getConversation(conversationId);
    if (!conversation || (conversation.agentId !== agent.id && agent.role !== 'admin')) {
      fail('CONVERSATION_NOT_FOUND', `No conversation ${conversationId} for you.`);
    }
    return conversation;
  }

  async publishStatus(conversation: ConversationRow, agentName?: string): Promise<void> {
    await this.fanout.toVisitor(conversation.visitorId, {
      type: 'conversation.update',
      conversation: {
        id: conversation.id,
        status: conversation.status,
        agentName,
        ...(isLeftMessage(conversation) ? { leftMessage: true } : {}),
      },
    });
  }

  private async end(conversation: ConversationRow, reason: string): Promise<void> {
    if (conversation.status === 'ended') fail('CONVERSATION_ENDED', 'The conversation has already ended.');
    // The conditional write first: when two nodes end it at once, only the winner posts the reason.
    if (!(await this.store.endConversation(conversation.id, this.clock.now()))) return;
    await this.systemMessage(conversation, reason);
    const ended: ConversationRow = { ...conversation, status: 'ended' };
    await this.publishStatus(ended);
    const update = { type: 'conversation.update', conversationId: conversation.id, status: 'ended' } as const;
    if (conversation.agentId) await this.fanout.toAgent(conversation.agentId, update);
    await this.fanout.toWatchers(conversation.id, update);
    await this.events.emit('conversationEnded', ended);
  }

  /** Sends a stored message to both sides and to supervisors watching (files are announced this way too). */
  broadcast(conversation: ConversationRow, message: ChatMessage): Promise<void> {
    // Published together, not one round trip after another (Redis), and serialised once; then the event.
    return this.fanout
      .toConversation(conversation, { type: 'message', message })
      .then(() => this.events.emit('messageCreated', { conversation, message }));
  }

  private async snapshot(
    session: VisitorSession,
    input: StartChatInput,
    prechat: Record<string, string> | undefined,
    visitorName: string | undefined,
  ): Promise<ContextSnapshot> {
    const now = this.clock.now();
    const { pageViews: views, events } = await this.store.getVisitJourney(
      session.visitorId,
      session.visit.startedAt,
      session.tracking ? snapshotEvents : 0,
    );
    const custom = input.context ? normalizeContext(input.context).context : session.context;
    return {
      startUrl: session.page.url,
      startTitle: session.page.title,
      timeOnPageMs: now - session.page.startedAt,
      timeOnSiteMs: now - session.visit.startedAt,
      pagesViewed: session.visit.pagesViewed,
      visitNumber: session.visit.number,
      referrer: session.visit.referrer,
      language: session.language,
      device: session.device,
      location: session.location,
      authenticated: session.authenticated,
      ruleId: input.invitation?.ruleId,
      ruleName: input.invitation?.ruleName,
      invitationId: input.invitation?.id,
      origin: originOf(input.invitation, input.inviterName),
      invitationText: input.invitation?.message,
      custom,
      prechat: visitorName ? { ...prechat, name: visitorName } : prechat,
      journey: views.map((view) => ({ url: view.url, title: view.title, at: view.at })),
      events: events.map(({ name, props, at }) => (props ? { name, props, at } : { name, at })),
    };
  }
}

/** Custom events the Additional details tab shows: the latest of the visit. */
const snapshotEvents = 50;
