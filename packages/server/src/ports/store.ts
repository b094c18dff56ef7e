import type {
  AssignmentMethod,
  ChatMessage,
  ChatSurvey,
  ContextSnapshot,
  ConversationStatus,
  CustomerMatch,
  CustomerRecord,
  OperatingHours,
  PrechatField,
  Presence,
  Role,
  Rule,
  RuleVersion,
  SurveyListItem,
  WidgetFatigue,
  WrapUpOutcome,
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
  /** Journey tracking waits for the page's `Beckon.consent(true)`. */
  consentRequired: boolean;
  /** Weekly schedule; null = always open. */
  operatingHours: OperatingHours | null;
  createdAt: number;
}

export interface QueueRow {
  id: string;
  name: string;
  assignmentMethod: AssignmentMethod;
  /** Absent: the widget's `offerTimeoutSeconds`. */
  offerTimeoutSeconds?: number;
  autoAssign: boolean;
}

/** A queue as created: settings left out take their defaults (most-free, no own deadline, offers). */
export type NewQueue = Pick<QueueRow, 'id' | 'name'> & Partial<Omit<QueueRow, 'id' | 'name'>>;

export interface QueueMemberRow {
  userId: string;
  /** When routing last offered (or auto-assigned) this member work from this queue: the round-robin memory. */
  lastOfferedAt?: number;
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

/** One `Beckon.track(name, props)` event of a visit (the visit is named by its start). */
export interface VisitEventRow {
  id: string;
  visitorId: string;
  visitStartedAt: number;
  name: string;
  props?: Record<string, string | number | boolean>;
  at: number;
}

export interface PageViewRow {
  id: string;
  visitorId: string;
  url: string;
  title: string;
  referrer?: string;
  at: number;
}

/** `held`: a holdout visitor's would-be invitation, recorded (closed at once) but never shown. */
/** The result of `acceptOffer`. */
export type AcceptOutcome = 'assigned' | 'closed' | 'ended';

export type InvitationStatus = 'shown' | 'accepted' | 'dismissed' | 'expired' | 'held';

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
  /** The rule's A/B split side: a variant id, 'default' or 'holdout'. */
  variant?: string;
}

export interface RulePreviewRow {
  /** SHA-256 of the token, hex: the token itself is never stored. */
  tokenHash: string;
  ruleId: string;
  widgetId: string;
  userId: string;
  expiresAt: number;
}

export interface RuleDayCount {
  ruleId: string;
  widgetId: string;
  day: string;
  evaluated: number;
}

export interface RuleVersionRow {
  ruleId: string;
  version: number;
  widgetId: string;
  action: RuleVersion['action'];
  userId?: string;
  at: number;
  rule: RuleVersion['rule'];
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

/** An admin-managed canned answer; `text` may hold variables such as {visitor.name}. */
export interface QuickReplyRow {
  id: string;
  title: string;
  text: string;
  createdAt: number;
}

/**
 * How far the visitor's widget has received and shown the agent's messages, and how far the assigned agent
 * has read the visitor's (seq numbers, 0 = none).
 */
export interface ReceiptMarks {
  delivered: number;
  read: number;
  agentRead: number;
}

/** How an agent closed off an ended conversation (PRODUCT.md §4 wrap-up). */
export interface WrapUpRow {
  conversationId: string;
  agentId: string;
  outcome: WrapUpOutcome;
  notes: string;
  at: number;
}

/** An ended conversation's handling time, for the estimated wait. */
export interface HandledSpan {
  acceptedAt: number;
  endedAt: number;
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
  createQueue(queue: NewQueue): Promise<void>;
  listQueues(): Promise<QueueRow[]>;
  addQueueMember(queueId: string, userId: string): Promise<void>;
  listQueueMembers(queueId: string): Promise<string[]>;
  getQueue(id: string): Promise<QueueRow | undefined>;
  /** Replaces every field but id. False when there is no such queue. */
  updateQueue(queue: QueueRow): Promise<boolean>;
  /** Deletes the queue and its memberships. False when there is no such queue. */
  deleteQueue(id: string): Promise<boolean>;
  /** Makes the membership exactly `userIds`; members who stay keep their round-robin memory. */
  setQueueMembers(queueId: string, userIds: string[]): Promise<void>;
  /** Members ordered by user id, with when each was last offered work from this queue. */
  listQueueMemberStates(queueId: string): Promise<QueueMemberRow[]>;
  markQueueMemberOffered(queueId: string, userId: string, at: number): Promise<void>;
  createRule(rule: RuleRow): Promise<void>;
  getRule(id: string): Promise<RuleRow | undefined>;
  /**
   * Writes the rule's new content. With `expectedUpdatedAt`, only if the stored rule still has that
   * `updatedAt` (optimistic concurrency); returns whether the row was written.
   */
  updateRule(rule: RuleRow, expectedUpdatedAt?: number): Promise<boolean>;
  deleteRule(id: string): Promise<void>;
  /** Ordered by id, so callers never depend on insertion order. */
  listRules(widgetId: string): Promise<RuleRow[]>;

  // visitors and journeys
  createVisitor(visitor: VisitorRow): Promise<void>;
  getVisitor(id: string): Promise<VisitorRow | undefined>;
  updateVisitor(visitor: VisitorRow): Promise<void>;
  addPageView(view: PageViewRow): Promise<void>;
  /**
   * Stores a page view and, when given, the visitor's new state (`last_seen_at`, a new visit) in ONE
   * transaction: one durable commit per page view instead of two. Nothing is written if either fails.
   */
  recordPageView(view: PageViewRow, visitor?: VisitorRow): Promise<void>;
  /** Page views of the visitor at or after `since`, oldest first. */
  listPageViews(visitorId: string, since: number): Promise<PageViewRow[]>;
  /** The visitor's latest page view strictly before `before` (the end of the previous visit), if any. */
  lastPageViewBefore(visitorId: string, before: number): Promise<PageViewRow | undefined>;
  /** Stores one `Beckon.track()` event of a visit. */
  addVisitEvent(event: VisitEventRow): Promise<void>;
  /** The visit's latest `limit` events, oldest first (events of the same millisecond in no set order). */
  listVisitEvents(visitorId: string, visitStartedAt: number, limit: number): Promise<VisitEventRow[]>;
  /** The visitor's most recently created conversation, in any status. */
  findLastConversation(visitorId: string): Promise<ConversationRow | undefined>;

  // rule version history
  /** Appends the next version (its `version` must be the previous one + 1; a duplicate fails). */
  addRuleVersion(version: RuleVersionRow): Promise<void>;
  /** Every version of the rule, newest first. */
  listRuleVersions(ruleId: string): Promise<RuleVersionRow[]>;
  /** Invitations of the widget created in [from, to), oldest first (funnel analytics). */
  listWidgetInvitations(widgetId: string, from: number, to: number): Promise<InvitationRow[]>;
  /** Conversations of the widget created in [from, to), oldest first (funnel analytics). */
  listWidgetConversations(widgetId: string, from: number, to: number): Promise<ConversationRow[]>;
  /** Adds evaluation counts to the per-rule, per-UTC-day totals (`day` is `YYYY-MM-DD`). */
  addRuleEvaluations(counts: readonly RuleDayCount[]): Promise<void>;
  createRulePreview(preview: RulePreviewRow): Promise<void>;
  /** The preview with this token hash, whatever its expiry (the caller checks it). */
  getRulePreview(tokenHash: string): Promise<RulePreviewRow | undefined>;
  /** Per-rule, per-day totals of the widget for days in [fromDay, toDay] (inclusive). */
  listRuleEvaluations(widgetId: string, fromDay: string, toDay: string): Promise<RuleDayCount[]>;

  // invitations
  /**
   * False: the visitor already has a `shown` invitation (at most one, enforced by the store across nodes), and
   * nothing was written.
   */
  createInvitation(invitation: InvitationRow): Promise<boolean>;
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
  /** False: the conversation already has a pending offer (at most one, enforced by the store), nothing written. */
  createOffer(offer: OfferRow): Promise<boolean>;
  getOffer(id: string): Promise<OfferRow | undefined>;
  /** Conditional write: `pending` → `to`. True only for the call that made the change. */
  closeOffer(id: string, to: Exclude<OfferStatus, 'pending'>, at: number): Promise<boolean>;
  listOffersForConversation(conversationId: string): Promise<OfferRow[]>;
  listPendingOffersForAgent(agentId: string): Promise<OfferRow[]>;
  listOverdueOffers(at: number): Promise<OfferRow[]>;
  /**
   * Creates the offer only if its agent has free capacity (capacity − active conversations − pending offers),
   * checked and written atomically per agent, so concurrent callers on any node never overshoot. False: full.
   */
  createOfferWithinCapacity(offer: OfferRow): Promise<boolean>;
  /**
   * Conditional write: `waiting` → `active` with this agent, only if the agent has free capacity, atomically per
   * agent as `createOfferWithinCapacity`. False: the agent is full or the conversation is no longer waiting.
   */
  assignConversationWithinCapacity(id: string, agentId: string, at: number): Promise<boolean>;
  /**
   * Conditional writes in one step under the agent's capacity lock: the offer `pending` → `accepted`, then its
   * conversation `waiting` → `active` with the agent. `closed`: the offer was not pending (nothing changed);
   * `ended`: accepted, but the conversation was no longer waiting.
   */
  acceptOffer(id: string, at: number): Promise<AcceptOutcome>;
  /** One more consecutive offer timeout for the agent; returns the count after it. */
  recordMissedOffer(agentId: string): Promise<number>;
  resetMissedOffers(agentId: string): Promise<void>;

  // visitor sockets per node (the visitor-gone close)
  /** The visitor has a socket on this node: no longer gone. */
  addVisitorConnection(nodeId: string, visitorId: string): Promise<void>;
  /** The node's last socket of the visitor closed; with none left on any node, the visitor is gone since `at`. */
  removeVisitorConnection(nodeId: string, visitorId: string, at: number): Promise<void>;
  /** Drops the visitor sockets of nodes (but `self`) silent since `before`; their visitors are gone since then. */
  reapVisitorConnections(before: number, self: string): Promise<void>;
  /** Open conversations whose visitor has had no socket on any node since at or before `goneBefore`. */
  listAbandonedConversations(goneBefore: number): Promise<ConversationRow[]>;

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

  // routing: estimates, transfers, wrap-up, the supervisor's view
  /** Ended conversations of the queue that had an agent, most recently ended first, at most `limit`. */
  listRecentlyHandled(queueId: string, limit: number): Promise<HandledSpan[]>;
  /** Conditional write: `active` with `fromAgentId` → `waiting` in `queueId`, without an agent. */
  requeueConversation(id: string, fromAgentId: string, queueId: string): Promise<boolean>;
  /** Conditional write: `active` with `fromAgentId` → `active` with `toAgentId`. */
  reassignConversation(id: string, fromAgentId: string, toAgentId: string): Promise<boolean>;
  /** Stores the wrap-up once; false when the conversation already has one. */
  saveWrapUp(wrapUp: WrapUpRow): Promise<boolean>;
  getWrapUp(conversationId: string): Promise<WrapUpRow | undefined>;
  /** The agent's ended conversations, ended at or after `since`, that have no wrap-up yet, oldest first. */
  listAwaitingWrapUp(agentId: string, since: number): Promise<ConversationRow[]>;
  /** Every `waiting` or `active` conversation, oldest first. */
  listOpenConversations(): Promise<ConversationRow[]>;
  /** Invitations created at or after `since`, counted by their current status. */
  countInvitationsByStatus(since: number): Promise<Record<InvitationStatus, number>>;

  // receipts
  /**
   * Raises the visitor's delivered (or read) mark of the conversation to `seq`, never lowers it; `read` raises
   * delivered too. Returns the marks after the change.
   */
  markReceipt(conversationId: string, status: 'delivered' | 'read', seq: number): Promise<ReceiptMarks>;
  getReceipts(conversationId: string): Promise<ReceiptMarks>;
  /** The agent's read mark of the visitor's messages; like the others it only moves up. */
  markAgentRead(conversationId: string, seq: number): Promise<ReceiptMarks>;

  // quick replies
  createQuickReply(reply: QuickReplyRow): Promise<void>;
  /** Ordered by title, then id. */
  listQuickReplies(): Promise<QuickReplyRow[]>;
  /** Changes title and text; false when there is no such reply. */
  updateQuickReply(reply: QuickReplyRow): Promise<boolean>;
  deleteQuickReply(id: string): Promise<boolean>;

  // presence
  setPresence(userId: string, status: Presence, at: number): Promise<void>;
  getPresence(userId: string): Promise<Presence>;

  // post-chat surveys
  /** Stores the survey of a conversation once: false (nothing changed) when it already has one. */
  saveChatSurvey(survey: ChatSurvey): Promise<boolean>;
  getChatSurvey(conversationId: string): Promise<ChatSurvey | undefined>;
  /** The surveys of these conversations, in no order; conversations without one are left out. */
  listChatSurveys(conversationIds: readonly string[]): Promise<ChatSurvey[]>;
  /** The newest surveys first (then by conversation id), created before `before` when given. */
  listRecentChatSurveys(limit: number, before?: number): Promise<SurveyListItem[]>;
  // nodes (scale-out liveness)
  /** Records a node's heartbeat; false when the node was not registered (its first beat, or it was reaped). */
  heartbeatNode(nodeId: string, at: number): Promise<boolean>;
  /** The agent has at least one console socket on this node. Idempotent. */
  addAgentConnection(nodeId: string, userId: string): Promise<void>;
  /** The agent's last console socket on this node closed. */
  removeAgentConnection(nodeId: string, userId: string): Promise<void>;
  /**
   * Removes nodes (other than `self`) whose heartbeat is older than `before`, and their agents' sockets; returns
   * (sorted) the agents left without a socket on any node. Of concurrent calls, only the one whose delete won
   * reports an agent.
   */
  reapDeadNodes(before: number, self: string): Promise<string[]>;
  /** Agents with a console socket on some registered node, sorted. */
  listConnectedAgents(): Promise<string[]>;
}
