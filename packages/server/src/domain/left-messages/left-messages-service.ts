import type { ChatMessage, LeftMessageInput } from '@beckon/protocol';
import type { Clock } from '../../ports/clock.ts';
import type { OutgoingMail } from '../../ports/mail.ts';
import type { ConversationRow, Store, UserRow, WidgetRow } from '../../ports/store.ts';
import { isLeftMessage } from '../conversations/conversation-start.ts';
import type { ConversationsService } from '../conversations/conversations-service.ts';
import type { DomainEvents } from '../domain-events.ts';
import { fail } from '../errors.ts';
import type { Fanout } from '../fanout.ts';
import type { OperatingHours } from '../hours/operating-hours.ts';
import type { MailOutbox } from '../mail/mail-outbox.ts';
import type { VisitorSession } from '../visitors/visitor-session.ts';
import { copyMail, mailLanguage, replyMail } from './left-message-mails.ts';

/**
 * "Never strand a visitor": when nobody can answer a waiting chat (no agent of its queue available, or the widget
 * closed) the visitor is offered a form instead of a queue position; the message they leave waits in the queue
 * for an agent, who answers it in the console, and the answer is e-mailed to them. Both mails go through the
 * durable mail outbox, written when asked for.
 */
/** Copies of left messages mailed to one visitor per day (each to an address they typed), across nodes. */
export const copiesPerDay = 3;

export class LeftMessages {
  /** Replies already mailed by this node (recent ones). */
  private readonly mailed = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly fanout: Fanout,
    private readonly conversations: ConversationsService,
    private readonly hours: OperatingHours,
    readonly outbox: MailOutbox,
    private readonly events: DomainEvents,
    private readonly onError: (key: string, error: unknown) => void,
  ) {
    events.on('agentCapacityChanged', async (agentId) => {
      try {
        await this.agentChanged(agentId);
      } catch (error) {
        // Best effort, like the capacity watch: the visitor still waits in the queue.
        this.onError(`left-message-offer:${agentId}`, error);
      }
    });
  }

  /**
   * Someone of the queue could take a chat now or once free: an available agent, and the widget open. `current`:
   * the widget's row as the caller just read it.
   */
  async canAnswer(queueId: string, widgetId: string, current?: WidgetRow): Promise<boolean> {
    const widget = current ?? (await this.store.getWidget(widgetId));
    if (widget && !this.hours.isOpen(widget)) return false;
    return this.store.hasAvailableMember(queueId);
  }

  /** After `chat.start`: a waiting chat nobody can answer gets the form offered instead of a queue position. */
  async offerIfStranded(conversation: ConversationRow, current?: WidgetRow): Promise<void> {
    if (conversation.status !== 'waiting' || isLeftMessage(conversation)) return;
    if (await this.canAnswer(conversation.queueId, conversation.widgetId, current)) return;
    await this.fanout.toVisitor(conversation.visitorId, {
      type: 'leave.offer',
      conversationId: conversation.id,
    });
  }

  /** The visitor's form: stored in their waiting chat (or a new one), a copy e-mailed to them. */
  async leave(session: VisitorSession, input: LeftMessageInput): Promise<ConversationRow> {
    const open = await this.store.findOpenConversation(session.visitorId);
    if (open?.status === 'active') fail('CHAT_ALREADY_OPEN', 'An agent is already answering in this chat.');
    // A new chat outside hours is allowed here: the message waits for the next opening.
    const conversation = open ?? (await this.conversations.start(session, {}));
    const language = mailLanguage(session.widget.locale, session.language);
    const saved = await this.store.saveLeftMessage({
      conversationId: conversation.id,
      visitorId: session.visitorId,
      name: input.name,
      email: input.email,
      language,
      createdAt: this.clock.now(),
    });
    if (!saved) fail('CHAT_ALREADY_OPEN', 'A message was already left in this chat.');
    const marked = (await this.store.getConversation(conversation.id)) ?? conversation;
    await this.conversations.systemMessage(
      marked,
      `Left a message: ${input.name} <${input.email}>. Replies are also sent by e-mail.`,
    );
    // Keyed by the conversation: a resent form stores the text once.
    await this.conversations.visitorMessage(session, `left:${marked.id}`, input.text);
    await this.conversations.publishStatus(marked);
    const left = await this.store.getLeftMessage(marked.id);
    if (left) await this.events.emit('leftMessageCreated', { conversation: marked, left, text: input.text });
    // The copy goes to an address the visitor typed: at most `copiesPerDay` a day per visitor, so the form
    // cannot be used to mail strangers in bulk (the message itself is stored all the same).
    await this.queue(
      marked,
      copyMail({
        to: input.email,
        name: input.name,
        text: input.text,
        widgetTitle: session.widget.title,
        language,
      }),
      'left-message-copy',
      language,
    );
    return marked;
  }

  /** Into the outbox; a store failure is reported, never thrown at the visitor or agent whose message is saved. */
  private async queue(
    conversation: ConversationRow,
    mail: OutgoingMail,
    kind: 'left-message-copy' | 'left-message-reply',
    language: string,
  ): Promise<void> {
    const { to, ...content } = mail;
    try {
      await this.outbox.enqueue(
        {
          kind,
          visitorId: conversation.visitorId,
          conversationId: conversation.id,
          recipient: to,
          language,
          content,
        },
        kind === 'left-message-copy'
          ? { perConversation: copiesPerDay, perVisitor: copiesPerDay }
          : undefined,
      );
    } catch (error) {
      this.onError(`mail-outbox:${conversation.id}`, error);
    }
  }

  /** An agent answered: a left message's visitor gets the answer by e-mail too. */
  async agentReplied(agent: UserRow, conversationId: string, message: ChatMessage): Promise<void> {
    const left = await this.store.getLeftMessage(conversationId);
    // A resent frame returns the stored message again: it is mailed once.
    if (!left || this.mailed.has(message.id)) return;
    if (this.mailed.size >= 10_000) this.mailed.clear();
    this.mailed.add(message.id);
    const conversation = await this.store.getConversation(conversationId);
    if (!conversation) return;
    const widget = await this.store.getWidget(conversation.widgetId);
    const language = left.language === 'fr' ? 'fr' : 'en';
    await this.queue(
      conversation,
      replyMail({
        to: left.email,
        name: left.name,
        agentName: agent.name,
        reply: message.text,
        widgetTitle: widget?.title ?? '',
        language,
      }),
      'left-message-reply',
      language,
    );
  }

  /** An agent went away (or anything else changed capacity): chats waiting in a queue left with nobody get the form. */
  private async agentChanged(agentId: string): Promise<void> {
    if ((await this.store.getPresence(agentId)) === 'available') return;
    for (const queue of await this.store.listQueues()) {
      if (!(await this.store.listQueueMembers(queue.id)).includes(agentId)) continue;
      for (const conversation of await this.store.listWaitingConversations(queue.id)) {
        await this.offerIfStranded(conversation);
      }
    }
  }
}
