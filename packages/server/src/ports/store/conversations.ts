import type { ContextSnapshot, ConversationStatus, CustomerMatch } from '@beckon/protocol';

/**
 * Conversations between a visitor and the team: opening (one open per visitor), the lists routing and the
 * console read, and the conditional writes that move one (end, requeue, reassign).
 */

export interface ConversationRow {
  id: string;
  widgetId: string;
  visitorId: string;
  queueId: string;
  status: ConversationStatus;
  agentId?: string;
  invitationId?: string;
  context: ContextSnapshot;
  customer: CustomerMatch;
  createdAt: number;
  acceptedAt?: number;
  endedAt?: number;
  /** Highest message sequence number stored so far (0 = no message). */
  lastSeq: number;
}

/** An ended conversation's handling time, for the estimated wait. */
export interface HandledSpan {
  acceptedAt: number;
  endedAt: number;
}

export interface ConversationStore {
  /**
   * Stores the conversation and returns it, unless it is open (`waiting` or `active`) and its visitor already
   * has an open one (at most one, enforced by the store across nodes): then nothing is written and that one is
   * returned, so of two tabs starting a chat at once both get the same conversation.
   */
  createConversation(conversation: ConversationRow): Promise<ConversationRow>;
  getConversation(id: string): Promise<ConversationRow | undefined>;
  /** The visitor's conversation that is `waiting` or `active`, if any. */
  findOpenConversation(visitorId: string): Promise<ConversationRow | undefined>;
  /** The visitor's most recently created conversation, in any status. */
  findLastConversation(visitorId: string): Promise<ConversationRow | undefined>;
  listAgentConversations(agentId: string, statuses: ConversationStatus[]): Promise<ConversationRow[]>;
  /** `waiting` conversations of a queue, oldest first. */
  listWaitingConversations(queueId: string): Promise<ConversationRow[]>;
  /** Every `waiting` or `active` conversation, oldest first. */
  listOpenConversations(): Promise<ConversationRow[]>;
  /** Open conversations whose visitor has had no socket on any node since at or before `goneBefore`. */
  listAbandonedConversations(goneBefore: number): Promise<ConversationRow[]>;
  /** Ended conversations of the queue that had an agent, most recently ended first, at most `limit`. */
  listRecentlyHandled(queueId: string, limit: number): Promise<HandledSpan[]>;
  /** Conditional write: `waiting` | `active` → `ended`. */
  endConversation(id: string, at: number): Promise<boolean>;
  /** Conditional write: `active` with `fromAgentId` → `waiting` in `queueId`, without an agent. */
  requeueConversation(id: string, fromAgentId: string, queueId: string): Promise<boolean>;
  /** Conditional write: `active` with `fromAgentId` → `active` with `toAgentId`. */
  reassignConversation(id: string, fromAgentId: string, toAgentId: string): Promise<boolean>;
  setConversationCustomer(id: string, customer: CustomerMatch): Promise<void>;
}
