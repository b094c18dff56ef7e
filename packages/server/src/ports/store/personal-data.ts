import type { ChatMessage } from '@beckon/protocol';
import type { ConversationRow } from './conversations.ts';
import type { CustomerRow } from './customers.ts';
import type { FileRow } from './files.ts';
import type { InvitationRow } from './invitations.ts';
import type { PageViewRow, VisitEventRow } from './journeys.ts';
import type { LeftMessageRow } from './left-messages.ts';
import type { VisitorRow } from './visitors.ts';

/**
 * Personal data of one person, across concepts: what an export returns and an erasure removes. A person is a
 * customer record (with every visitor linked to it) or one visitor.
 */
export interface DataSubject {
  customerId?: string;
  visitorIds: string[];
}

export interface SurveyAnswerRow {
  conversationId: string;
  rating: number;
  comment?: string;
  createdAt: number;
}

export interface WrapUpEntryRow {
  conversationId: string;
  agentId: string;
  outcome: string;
  notes: string;
  at: number;
}

export interface PersonalData {
  customer?: CustomerRow;
  visitors: VisitorRow[];
  pageViews: PageViewRow[];
  events: VisitEventRow[];
  invitations: InvitationRow[];
  /** The subject's visitors' conversations, and any other whose customer match names the customer. */
  conversations: (ConversationRow & { messages: ChatMessage[] })[];
  surveys: SurveyAnswerRow[];
  wrapUps: WrapUpEntryRow[];
  leftMessages: LeftMessageRow[];
  /** Files sent in those conversations (what is known of them; the bytes are in the blob store). */
  files: FileRow[];
}

export interface ErasedCounts {
  customers: number;
  visitors: number;
  pageViews: number;
  events: number;
  invitations: number;
  conversations: number;
  messages: number;
  /** Other people's conversations whose customer match named the customer as a candidate, now cleared. */
  matchesCleared: number;
  /** File rows deleted (their bytes are deleted from the blob store before). */
  files: number;
}

export interface PersonalDataStore {
  /** Visitors linked to the customer (its identity links), oldest first. */
  visitorIdsOfCustomer(customerId: string): Promise<string[]>;
  /** Everything held about the subject; bounded by what one person produces. */
  collectPersonalData(subject: DataSubject): Promise<PersonalData>;
  /**
   * Deletes every row of the subject in one transaction (messages, receipts, offers, wrap-ups, surveys,
   * conversations, invitations, events, page views, connections, visitors, the customer) and clears the
   * customer from other conversations' matches. Idempotent: a second call finds nothing and counts zeros.
   */
  erasePersonalData(subject: DataSubject): Promise<ErasedCounts>;
}
