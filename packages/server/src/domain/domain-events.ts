import type { ChatMessage } from '@beckon/protocol';
import type { ConversationRow, InvitationRow, LeftMessageRow } from '../ports/store.ts';

/** What one domain concept tells the others, by name, with its payload. */
export interface DomainEventMap {
  /** A conversation now waits for an agent (routing offers it). */
  conversationWaiting: ConversationRow;
  /** A conversation ended (routing frees capacity and withdraws offers). */
  conversationEnded: ConversationRow;
  /** An agent's free capacity may have changed: presence, capacity setting, a chat ended (CapacityWatch). */
  agentCapacityChanged: string;
  /** A live rule of this widget reads capacity: its changes must reach this node (CapacityWatch). */
  widgetCapacityUsed: string;
  /** A new conversation was stored (webhooks). */
  conversationStarted: ConversationRow;
  /** An agent joined the conversation: accepted an offer, auto-assigned, or the inviting agent (webhooks). */
  conversationAssigned: { conversation: ConversationRow; agent: { id: string; name: string }; at: number };
  /** A message was stored, once per sequence number (webhooks). */
  messageCreated: { conversation: ConversationRow; message: ChatMessage };
  /** An invitation was shown, or closed by acceptance, dismissal or expiry (webhooks). */
  invitationChanged: {
    invitation: InvitationRow;
    status: 'shown' | 'accepted' | 'dismissed' | 'expired';
    at: number;
  };
  /** The site's identity token was verified for a visitor (webhooks). */
  visitorIdentified: {
    visitorId: string;
    widgetId: string;
    externalId: string;
    customerId?: string;
    at: number;
  };
  /** A visitor left a message for nobody available (webhooks). */
  leftMessageCreated: { conversation: ConversationRow; left: LeftMessageRow; text: string };
}

type Handler<K extends keyof DomainEventMap> = (payload: DomainEventMap[K]) => Promise<void>;

/**
 * Created before the services and passed to each: the services that react subscribe in their constructors, the
 * ones that emit await every reaction in subscription order. It keeps concepts that react to each other
 * (conversations and routing) from importing each other, and nothing is wired after construction.
 */
export class DomainEvents {
  private readonly handlers: { [K in keyof DomainEventMap]?: Handler<K>[] } = {};

  on<K extends keyof DomainEventMap>(name: K, handler: Handler<K>): void {
    const list: Handler<K>[] = this.handlers[name] ?? [];
    list.push(handler);
    (this.handlers as Record<K, Handler<K>[]>)[name] = list;
  }

  emit<K extends keyof DomainEventMap>(name: K, payload: DomainEventMap[K]): Promise<void> {
    const handlers = this.handlers[name];
    if (!handlers) return done;
    // One handler (a message's only reaction is the webhook outbox): its own promise, no async frame around it.
    if (handlers.length === 1) {
      try {
        return (handlers[0] as Handler<K>)(payload);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return inOrder(handlers, payload);
  }
}

const done: Promise<void> = Promise.resolve();

async function inOrder<K extends keyof DomainEventMap>(
  handlers: readonly Handler<K>[],
  payload: DomainEventMap[K],
): Promise<void> {
  for (const handler of handlers) await handler(payload);
}
