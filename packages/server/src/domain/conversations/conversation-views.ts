import type { ConversationDetail, Offer } from '@beckon/protocol';
import type { ConversationRow, OfferRow, Store } from '../../ports/store.ts';

export function visitorDisplayName(conversation: ConversationRow): string {
  return conversation.customer.customer?.name ?? conversation.context.prechat?.name ?? 'Visitor';
}

export async function conversationDetail(store: Store, row: ConversationRow): Promise<ConversationDetail> {
  return {
    id: row.id,
    status: row.status,
    createdAt: row.createdAt,
    visitorId: row.visitorId,
    visitorName: visitorDisplayName(row),
    agentId: row.agentId,
    context: row.context,
    customer: row.customer,
    messages: await store.listMessages(row.id, 0),
    receipts: await store.getReceipts(row.id),
  };
}

export function offerView(offer: OfferRow, conversation: ConversationRow): Offer {
  const ctx = conversation.context;
  return {
    id: offer.id,
    conversationId: conversation.id,
    createdAt: offer.createdAt,
    expiresAt: offer.expiresAt,
    summary: {
      title: ctx.ruleName ? `Proactive chat: ${ctx.ruleName}` : 'Incoming chat',
      customerName: visitorDisplayName(conversation),
      startUrl: ctx.startUrl,
      timeOnPageMs: ctx.timeOnPageMs,
      ruleName: ctx.ruleName,
      language: ctx.language,
      device: [ctx.device.type, ctx.device.browser, ctx.device.os].filter(Boolean).join(' · '),
      waitingSince: conversation.createdAt,
    },
  };
}
