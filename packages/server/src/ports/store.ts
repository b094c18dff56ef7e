import type {
  ChatMessage,
  ContextSnapshot,
  ConversationStatus,
  CustomerMatch,
  CustomerRecord,
  PrechatField,
  Presence,
  Role,
  Rule,
  WidgetFatigue,
} from '@beckon/protocol';

/**
 * The system of record. Every method is async so that SQLite and PostgreSQL adapters share one contract
 * (store.contract.ts). Methods named `transition*` / `assign*` are conditional writes: the row changes only if
 * it is still in one of the expected states, and the method says whether this call won. That is how
 * once-only decisions stay once-only across nodes. All times are epoch milliseconds.
 */

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  /** Most conversations (active plus pending offers) routing gives this agent at once. */
  capacity: number;
  createdAt: number;
}

export interface SessionRow {
  /** SHA-256 of the cookie token, hex; the token itself is never stored. */
  id: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

export interface WidgetRow {
  id: string;
  key: string;
  name: string;
  title: string;
  color: string;
  locale: string;
  enabled: boolean;
  proactiveEnabled: boolean;
  allowedOrigins: string[];
  queueId: string;
  offerTimeoutSeconds: number;
  prechatFields: PrechatField[];
  identityAlgorithm: 'none' | 'HS256' | 'RS256';
  identityIssuer?: string;
  identitySecret?: string;
  /** The fatigue budget and dismissal back-off across all the widget's rules. */
  fatigue: WidgetFatigue;
  createdAt: number;
}

export interface QueueRow {
  id: string;
  name: string;
}

export type RuleRow = Rule;

export interface VisitorRow {
  id: string;
  widgetId: string;
  createdAt: number;
  lastSeenAt: number;
  /** Number of visits so far, the current one included. A visit ends after 30 minutes without activity. */
  visitCount: number;
  visitStartedAt: number;
  name?: string;
  customerId?: string;
}

export interface PageViewRow {
  id: string;
  visitorId: string;
  url: string;
  title: string;
  referrer?: string;
  at: number;
}

export type InvitationStatus = 'shown' | 'accepted' | 'dismissed' | 'expired';

export interface InvitationRow {
  id: string;
  widgetId: string;
  visitorId: string;
  ruleId?: string;
  ruleName?: string;
  source: 'rule' | 'page';
  message: string;
  showPrechat: boolean;
  status: InvitationStatus;
  createdAt: number;
  expiresAt: number;
  closedAt?: number;
}

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

export interface CustomerRow extends CustomerRecord {
  createdAt: number;
}

export interface NewMessage {
  conversationId: string;
  author: ChatMessage['author'];
  authorName?: string;
  text: string;
  clientMsgId?: string;
  createdAt: number;
}

export interface Store {
  /** Creates tables / runs pending migrations. Idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  // accounts
  createUser(user: UserRow): Promise<void>;
  getUser(id: string): Promise<UserRow | undefined>;
  findUserByEmail(email: string): Promise<UserRow | undefined>;
  listUsers(): Promise<UserRow[]>;
  countUsers(): Promise<number>;
  /** False when there is no such user. */
  setUserCapacity(id: string, capacity: number): Promise<boolean>;
  createSession(session: SessionRow): Promise<void>;
  getSession(id: string): Promise<SessionRow | undefined>;
  deleteSession(id: string): Promise<void>;

  // widgets, queues, rules
  createWidget(widget: WidgetRow): Promise<void>;
  getWidget(id: string): Promise<WidgetRow | undefined>;
  getWidgetByKey(key: string): Promise<WidgetRow | undefined>;
  listWidgets(): Promise<WidgetRow[]>;
  /** Replaces every field but id, key and createdAt. */
  updateWidget(widget: WidgetRow): Promise<void>;
  createQueue(queue: QueueRow): Promise<void>;
  listQueues(): Promise<QueueRow[]>;
  addQueueMember(queueId: string, userId: string): Promise<void>;
  listQueueMembers(queueId: string): Promise<string[]>;
  createRule(rule: RuleRow): Promise<void>;
  getRule(id: string): Promise<RuleRow | undefined>;
  updateRule(rule: RuleRow): Promise<void>;
  deleteRule(id: string): Promise<void>;
  /** Ordered by id, so callers never depend on insertion order. */
  listRules(widgetId: string): Promise<RuleRow[]>;

  // visitors and journeys
  createVisitor(visitor: VisitorRow): Promise<void>;
  getVisitor(id: string): Promise<VisitorRow | undefined>;
  updateVisitor(visitor: VisitorRow): Promise<void>;
  addPageView(view: PageViewRow): Promise<void>;
  /** Page views of the visitor at or after `since`, oldest first. */
  listPageViews(visitorId: string, since: number): Promise<PageViewRow[]>;

  // invitations
  createInvitation(invitation: InvitationRow): Promise<void>;
  getInvitation(id: string): Promise<InvitationRow | undefined>;
  /** The visitor's invitation still in state `shown`, if any. */
  findShownInvitation(visitorId: string): Promise<InvitationRow | undefined>;
  /** Conditional write: `shown` → `to`. True only for the call that made the change. */
  closeInvitation(id: string, to: Exclude<InvitationStatus, 'shown'>, at: number): Promise<boolean>;
  /**
   * The visitor's invitations created at or after `since`, oldest first (ties by id). Per-rule caps, the
   * fatigue budget and the dismissal back-off are all counted from this one list.
   */
  listInvitations(visitorId: string, since: number): Promise<InvitationRow[]>;
  /** Invitations still `shown` whose deadline is at or before `at` (deadline recovery). */
  listOverdueInvitations(at: number): Promise<InvitationRow[]>;

  // conversations and messages
  createConversation(conversation: ConversationRow): Promise<void>;
  getConversation(id: string): Promise<ConversationRow | undefined>;
  /** The visitor's conversation that is `waiting` or `active`, if any. */
  findOpenConversation(visitorId: string): Promise<ConversationRow | undefined>;
  listAgentConversations(agentId: string, statuses: ConversationStatus[]): Promise<ConversationRow[]>;
  /** `waiting` conversations of a queue, oldest first. */
  listWaitingConversations(queueId: string): Promise<ConversationRow[]>;
  /** Conditional write: `waiting` → `active` with this agent. True only for the winner. */
  assignConversation(id: string, agentId: string, at: number): Promise<boolean>;
  /** Conditional write: `waiting` | `active` → `ended`. */
  endConversation(id: string, at: number): Promise<boolean>;
  setConversationCustomer(id: string, customer: CustomerMatch): Promise<void>;
  /**
   * Stores a message with the next sequence number of its conversation, atomically. Idempotent: a second call
   * with the same (conversationId, author, clientMsgId) returns the message stored the first time.
   */
  appendMessage(message: NewMessage): Promise<ChatMessage>;
  /** Messages with seq > afterSeq, in seq order. */
  listMessages(conversationId: string, afterSeq: number): Promise<ChatMessage[]>;

  // offers
  createOffer(offer: OfferRow): Promise<void>;
  getOffer(id: string): Promise<OfferRow | undefined>;
  /** Conditional write: `pending` → `to`. True only for the call that made the change. */
  closeOffer(id: string, to: Exclude<OfferStatus, 'pending'>, at: number): Promise<boolean>;
  listOffersForConversation(conversationId: string): Promise<OfferRow[]>;
  listPendingOffersForAgent(agentId: string): Promise<OfferRow[]>;
  listOverdueOffers(at: number): Promise<OfferRow[]>;

  // customer records
  createCustomer(customer: CustomerRow): Promise<void>;
  getCustomer(id: string): Promise<CustomerRow | undefined>;
  /** Active records whose field equals the value (email compared case-insensitively). */
  findActiveCustomers(
    field: 'email' | 'phone' | 'name' | 'externalId' | 'id',
    value: string,
  ): Promise<CustomerRow[]>;
  /** Name, email, phone or company containing `q` (case-insensitive), at most `limit`. */
  searchCustomers(q: string, limit: number): Promise<CustomerRow[]>;

  // presence
  setPresence(userId: string, status: Presence, at: number): Promise<void>;
  getPresence(userId: string): Promise<Presence>;
}
