import type { ConversationDetail, CustomerMatch, CustomerVerification, Offer } from '@beckon/protocol';
import type { ConversationRow, OfferRow, Store } from '../../ports/store.ts';
import { isUnverified, shownMatch } from '../identity/customer-matching.ts';

/** A record's name only when the match is verified or linked by an agent; else what the visitor typed. */
export function visitorDisplayName(conversation: ConversationRow): string {
  const match = conversation.customer;
  const recordName = isUnverified(match) ? undefined : match.customer?.name;
  return recordName || conversation.context.prechat?.name || 'Visitor';
}

function verificationOf(match: CustomerMatch): CustomerVerification | undefined {
  if (match.status === 'none') return undefined;
  return shownMatch(match).verification ?? (match.method === 'manual' ? 'agent' : 'verified');
}

export async function conversationDetail(store: Store, row: ConversationRow): Promise<ConversationDetail> {
  const { messages, receipts } = await store.listMessagesWithReceipts(row.id);
  return {
    id: row.id,
    status: row.status,
    createdAt: row.createdAt,
    visitorId: row.visitorId,
    visitorName: visitorDisplayName(row),
    agentId: row.agentId,
    context: row.context,
    customer: shownMatch(row.customer, row.context.prechat),
    messages,
    receipts,
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
      title: ctx.ruleName
        ? `Proactive chat: ${ctx.ruleName}`
        : ctx.origin?.kind === 'page'
          ? 'Proactive chat: from the page'
          : 'Incoming chat',
      customerName: visitorDisplayName(conversation),
      customerVerification: verificationOf(conversation.customer),
      startUrl: ctx.startUrl,
      timeOnPageMs: ctx.timeOnPageMs,
      ruleName: ctx.ruleName,
      origin: ctx.origin,
      invitationText: ctx.invitationText,
      language: ctx.language,
      device: [ctx.device.type, ctx.device.browser, ctx.device.os].filter(Boolean).join(' · '),
      waitingSince: conversation.createdAt,
    },
  };
}
