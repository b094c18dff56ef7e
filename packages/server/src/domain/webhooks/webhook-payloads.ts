import { type WebhookEventType, webhookLimits } from '@beckon/protocol';
import type { ConversationRow } from '../../ports/store.ts';
import type { DomainEventMap } from '../domain-events.ts';

/** One event as it goes into the outbox: the body's parts, whose data it carries, and its idempotency key. */
export interface WebhookEvent {
  type: WebhookEventType | 'webhook.test';
  /** The same event offered twice (a retried frame, two nodes) has the same key: it is stored once. */
  key: string;
  at: number;
  data: Record<string, unknown>;
  visitorId: string | null;
  customerId: string | null;
}

const iso = (at: number): string => new Date(at).toISOString();

function customerIdOf(conversation: ConversationRow): string | null {
  return conversation.customer.status === 'linked' ? (conversation.customer.customer?.id ?? null) : null;
}

function conversationData(conversation: ConversationRow): Record<string, unknown> {
  return {
    conversationId: conversation.id,
    widgetId: conversation.widgetId,
    visitorId: conversation.visitorId,
    queueId: conversation.queueId,
    customerId: customerIdOf(conversation),
  };
}

function aboutConversation(
  type: WebhookEventType,
  key: string,
  at: number,
  conversation: ConversationRow,
  extra: Record<string, unknown>,
): WebhookEvent {
  return {
    type,
    key,
    at,
    data: { ...conversationData(conversation), ...extra },
    visitorId: conversation.visitorId,
    customerId: customerIdOf(conversation),
  };
}

/** The webhook events of each domain event: docs/webhooks.md documents every `data` below. */
export const webhookEventsOf = {
  conversationStarted: (c: DomainEventMap['conversationStarted']) =>
    aboutConversation('conversation.started', `conversation.started:${c.id}`, c.createdAt, c, {
      invitationId: c.invitationId ?? null,
      origin: c.context.origin?.kind ?? null,
      startUrl: c.context.startUrl,
      startedAt: iso(c.createdAt),
    }),
  conversationAssigned: ({ conversation, agent, at }: DomainEventMap['conversationAssigned']) =>
    aboutConversation(
      'conversation.assigned',
      `conversation.assigned:${conversation.id}:${agent.id}:${at}`,
      at,
      conversation,
      { agent: { id: agent.id, name: agent.name }, assignedAt: iso(at) },
    ),
  conversationEnded: (c: DomainEventMap['conversationEnded'], at: number) =>
    aboutConversation('conversation.ended', `conversation.ended:${c.id}`, at, c, {
      agentId: c.agentId ?? null,
      endedAt: iso(at),
    }),
  messageCreated: ({ conversation, message }: DomainEventMap['messageCreated']) =>
    aboutConversation(
      'message.created',
      `message.created:${conversation.id}:${message.seq}`,
      message.createdAt,
      conversation,
      {
        message: {
          id: message.id,
          seq: message.seq,
          author: message.author,
          authorName: message.authorName ?? null,
          text: message.text,
          createdAt: iso(message.createdAt),
        },
      },
    ),
  invitationChanged: ({ invitation, status, at }: DomainEventMap['invitationChanged']): WebhookEvent => ({
    type: `invitation.${status}`,
    key: `invitation.${status}:${invitation.id}`,
    at,
    data: {
      invitationId: invitation.id,
      widgetId: invitation.widgetId,
      visitorId: invitation.visitorId,
      source: invitation.source,
      ruleId: invitation.ruleId ?? null,
      ruleName: invitation.ruleName ?? null,
      agentId: invitation.agentId ?? null,
      variant: invitation.variant ?? null,
      message: invitation.message,
      at: iso(at),
    },
    visitorId: invitation.visitorId,
    customerId: null,
  }),
  visitorIdentified: (e: DomainEventMap['visitorIdentified']): WebhookEvent => ({
    type: 'visitor.identified',
    key: `visitor.identified:${e.visitorId}:${e.externalId}:${e.at}`,
    at: e.at,
    data: {
      visitorId: e.visitorId,
      widgetId: e.widgetId,
      externalId: e.externalId,
      customerId: e.customerId ?? null,
      identifiedAt: iso(e.at),
    },
    visitorId: e.visitorId,
    customerId: e.customerId ?? null,
  }),
  leftMessageCreated: ({ conversation, left, text }: DomainEventMap['leftMessageCreated']) =>
    aboutConversation(
      'left_message.created',
      `left_message.created:${conversation.id}`,
      left.createdAt,
      conversation,
      {
        name: left.name,
        email: left.email,
        language: left.language,
        text,
        createdAt: iso(left.createdAt),
      },
    ),
};

/**
 * The JSON body: Standard Webhooks' `{ type, timestamp, data }`. One larger than `payloadMaxBytes` keeps its ids
 * and says `truncated: true` instead of its text fields, so no receiver is sent an unbounded body.
 */
export function webhookBody(event: WebhookEvent): string {
  const body = JSON.stringify({ type: event.type, timestamp: iso(event.at), data: event.data });
  if (Buffer.byteLength(body) <= webhookLimits.payloadMaxBytes) return body;
  const ids = Object.fromEntries(
    Object.entries(event.data).filter(([name, value]) => /Id$/.test(name) && typeof value === 'string'),
  );
  return JSON.stringify({ type: event.type, timestamp: iso(event.at), data: { ...ids, truncated: true } });
}
