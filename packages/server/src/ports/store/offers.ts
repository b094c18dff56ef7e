import type { ConversationRow } from './conversations.ts';
import type { QueueRow } from './queues.ts';

/**
 * Offers of a waiting conversation to an agent (at most one pending per conversation), and each agent's count of
 * consecutive offers left to time out. Offers are created within the agent's capacity (capacity.ts).
 */

export type OfferStatus = 'pending' | 'accepted' | 'rejected' | 'expired' | 'withdrawn';

export interface OfferRow {
  id: string;
  conversationId: string;
  agentId: string;
  status: OfferStatus;
  createdAt: number;
  expiresAt: number;
  closedAt?: number;
}

/** What routing reads before offering a conversation: the conversation, its queue and every offer of it. */
export interface RoutingState {
  conversation: ConversationRow;
  /** Absent when the conversation's queue was deleted. */
  queue?: QueueRow;
  /** Oldest first. */
  offers: OfferRow[];
  /** The offer deadline of the conversation's widget, for a queue without its own; absent: no such widget. */
  widgetOfferTimeoutSeconds?: number;
}

export interface OfferStore {
  getOffer(id: string): Promise<OfferRow | undefined>;
  /** Conditional write: `pending` → `to`. True only for the call that made the change. */
  closeOffer(id: string, to: Exclude<OfferStatus, 'pending'>, at: number): Promise<boolean>;
  listOffersForConversation(conversationId: string): Promise<OfferRow[]>;
  /** The conversation with its queue and offers, read together (one statement); undefined: no such conversation. */
  getRoutingState(conversationId: string): Promise<RoutingState | undefined>;
  listPendingOffersForAgent(agentId: string): Promise<OfferRow[]>;
  listOverdueOffers(at: number): Promise<OfferRow[]>;
  /** One more consecutive offer timeout for the agent; returns the count after it. */
  recordMissedOffer(agentId: string): Promise<number>;
  resetMissedOffers(agentId: string): Promise<void>;
}
