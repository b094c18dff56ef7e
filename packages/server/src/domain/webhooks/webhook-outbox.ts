import type { WebhookEventType } from '@beckon/protocol';
import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import type { WebhookEndpointRow, WebhookStore } from '../../ports/store.ts';
import type { DomainEventMap, DomainEvents } from '../domain-events.ts';
import { type WebhookEvent, webhookBody, webhookEventsOf } from './webhook-payloads.ts';

const done: Promise<void> = Promise.resolve();

/** How long this node trusts its copy of the endpoint list: another node's change shows within this time. */
export const endpointCacheMs = 10_000;

/**
 * Writes each domain event a webhook endpoint subscribes to into the durable outbox, right after the change
 * it describes was stored and before the caller goes on; a dispatcher (webhook-dispatcher.ts) sends them. The
 * write is idempotent per (endpoint, event key), so an event offered twice is delivered once.
 */
export class WebhookOutbox {
  /** The enabled endpoints, and every event type one of them subscribes to. */
  private endpoints: { rows: WebhookEndpointRow[]; types: ReadonlySet<string>; until: number } | undefined;
  private nudge: () => void = () => {};

  constructor(
    private readonly store: WebhookStore,
    private readonly clock: Clock,
    private readonly ids: Ids,
    events: DomainEvents,
    private readonly onError: (key: string, error: unknown) => void,
  ) {
    const on = <K extends keyof DomainEventMap>(
      name: K,
      // The type the event will have, known without building it (the list holds the types: a typo fails to compile).
      typeOf: (payload: DomainEventMap[K]) => WebhookEventType,
      toEvent: (payload: DomainEventMap[K]) => WebhookEvent,
    ) =>
      events.on(name, (payload) =>
        // No enabled endpoint takes this type, in the list this node trusts: nothing to queue, so no event to
        // build and no async frame (every message, when no webhook wants messages).
        this.nobodyWants(typeOf(payload)) ? done : this.offer(() => toEvent(payload)),
      );
    on('conversationStarted', () => 'conversation.started', webhookEventsOf.conversationStarted);
    on('conversationAssigned', () => 'conversation.assigned', webhookEventsOf.conversationAssigned);
    on(
      'conversationEnded',
      () => 'conversation.ended',
      (c) => webhookEventsOf.conversationEnded(c, this.clock.now()),
    );
    on('messageCreated', () => 'message.created', webhookEventsOf.messageCreated);
    on('invitationChanged', (e) => `invitation.${e.status}`, webhookEventsOf.invitationChanged);
    on('visitorIdentified', () => 'visitor.identified', webhookEventsOf.visitorIdentified);
    on('leftMessageCreated', () => 'left_message.created', webhookEventsOf.leftMessageCreated);
  }

  /** Whether the endpoint list this node trusts is fresh and no enabled endpoint in it subscribes to `type`. */
  private nobodyWants(type: string): boolean {
    const endpoints = this.endpoints;
    return endpoints !== undefined && endpoints.until > this.clock.now() && !endpoints.types.has(type);
  }

  /** Called after outbox rows are written, so this node's dispatcher sends them without waiting for its poll. */
  onEnqueued(nudge: () => void): void {
    this.nudge = nudge;
  }

  /** A delivery is due now (sent again by an admin): this node's dispatcher runs without waiting for its poll. */
  wake(): void {
    this.nudge();
  }

  /** The endpoint list changed on this node: read it again on the next event. */
  forgetEndpoints(): void {
    this.endpoints = undefined;
  }

  /** Queues the event for the endpoints given (the test event), or for every enabled subscriber. */
  async enqueue(event: WebhookEvent, only?: WebhookEndpointRow[]): Promise<string[]> {
    const targets =
      only ?? (await this.enabledEndpoints()).filter((endpoint) => endpoint.events.includes(event.type));
    if (targets.length === 0) return [];
    const payload = webhookBody(event);
    const rows = targets.map((endpoint) => ({
      id: this.ids.next('msg'),
      endpointId: endpoint.id,
      eventKey: event.key,
      eventType: event.type,
      payload,
      visitorId: event.visitorId,
      customerId: event.customerId,
      createdAt: this.clock.now(),
    }));
    const added = await this.store.enqueueWebhookDeliveries(rows);
    if (added > 0) this.nudge();
    return rows.map((row) => row.id);
  }

  /**
   * A failure here is reported, not thrown: the chat that caused the event must go on. The event is then not
   * in the outbox (the store refused the write), which the error log says.
   */
  private async offer(toEvent: () => WebhookEvent): Promise<void> {
    let event: WebhookEvent | undefined;
    try {
      event = toEvent();
      await this.enqueue(event);
    } catch (error) {
      this.onError(`webhook-enqueue:${event?.key ?? 'unknown'}`, error);
    }
  }

  private async enabledEndpoints(): Promise<WebhookEndpointRow[]> {
    const now = this.clock.now();
    if (!this.endpoints || this.endpoints.until <= now) {
      const rows = (await this.store.listWebhookEndpoints()).filter((endpoint) => endpoint.enabled);
      const types = new Set(rows.flatMap((endpoint) => endpoint.events));
      this.endpoints = { rows, types, until: now + endpointCacheMs };
    }
    return this.endpoints.rows;
  }
}
