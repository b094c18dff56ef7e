import type { ConversationRow } from '../ports/store.ts';

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

  async emit<K extends keyof DomainEventMap>(name: K, payload: DomainEventMap[K]): Promise<void> {
    for (const handler of this.handlers[name] ?? []) await handler(payload);
  }
}
