import type {
  ChatMessage,
  ChatSurvey,
  ConversationStatus,
  CustomerMatch,
  Presence,
  SurveyListItem,
} from '@beckon/protocol';
import type { Kysely } from 'kysely';
import type {
  AcceptOutcome,
  ConversationRow,
  CustomerRow,
  HandledSpan,
  InvitationRow,
  InvitationStatus,
  NewMessage,
  NewQueue,
  OfferRow,
  OfferStatus,
  PageViewRow,
  QueueMemberRow,
  QueueRow,
  QuickReplyRow,
  ReceiptMarks,
  RuleDayCount,
  RulePreviewRow,
  RuleRow,
  RuleVersionRow,
  SessionRow,
  Store,
  UserRow,
  VisitEventRow,
  VisitorRow,
  WidgetRow,
  WrapUpRow,
} from '../../ports/store.ts';
import * as accounts from './account-queries.ts';
import * as capacity from './capacity-queries.ts';
import * as conversations from './conversation-queries.ts';
import * as customers from './customer-queries.ts';
import * as invitations from './invitation-queries.ts';
import * as journey from './journey-queries.ts';
import * as messages from './message-queries.ts';
import { migrateToLatest } from './migrations.ts';
import * as nodes from './node-queries.ts';
import * as offers from './offer-queries.ts';
import * as onceOnly from './once-only-queries.ts';
import * as queues from './queue-queries.ts';
import * as routing from './routing-queries.ts';
import * as rules from './rule-queries.ts';
import type { Database } from './schema.ts';
import * as surveys from './survey-queries.ts';
import * as visitors from './visitor-queries.ts';
import * as widgets from './widget-queries.ts';

/**
 * The Store port over any Kysely dialect: every method delegates to the dialect-neutral query modules beside it.
 * The SQLite and PostgreSQL adapters are this class with their own connection; what makes each one safe under
 * concurrency is described where it happens (`message-queries.ts` for seqs, the conditional writes).
 */
export class SqlStore implements Store {
  constructor(protected readonly db: Kysely<Database>) {}

  migrate(): Promise<void> {
    return migrateToLatest(this.db);
  }
  close(): Promise<void> {
    return this.db.destroy();
  }

  createUser(user: UserRow): Promise<void> {
    return accounts.createUser(this.db, user);
  }
  getUser(id: string): Promise<UserRow | undefined> {
    return accounts.getUser(this.db, id);
  }
  findUserByEmail(email: string): Promise<UserRow | undefined> {
    return accounts.findUserByEmail(this.db, email);
  }
  listUsers(): Promise<UserRow[]> {
    return accounts.listUsers(this.db);
  }
  countUsers(): Promise<number> {
    return accounts.countUsers(this.db);
  }
  setUserCapacity(id: string, capacity: number): Promise<boolean> {
    return accounts.setUserCapacity(this.db, id, capacity);
  }
  createSession(session: SessionRow): Promise<void> {
    return accounts.createSession(this.db, session);
  }
  getSession(id: string): Promise<SessionRow | undefined> {
    return accounts.getSession(this.db, id);
  }
  deleteSession(id: string): Promise<void> {
    return accounts.deleteSession(this.db, id);
  }

  createWidget(widget: WidgetRow): Promise<void> {
    return widgets.createWidget(this.db, widget);
  }
  getWidget(id: string): Promise<WidgetRow | undefined> {
    return widgets.getWidget(this.db, id);
  }
  getWidgetByKey(key: string): Promise<WidgetRow | undefined> {
    return widgets.getWidgetByKey(this.db, key);
  }
  listWidgets(): Promise<WidgetRow[]> {
    return widgets.listWidgets(this.db);
  }
  updateWidget(widget: WidgetRow): Promise<void> {
    return widgets.updateWidget(this.db, widget);
  }
  createQueue(queue: NewQueue): Promise<void> {
    return queues.createQueue(this.db, queue);
  }
  listQueues(): Promise<QueueRow[]> {
    return queues.listQueues(this.db);
  }
  addQueueMember(queueId: string, userId: string): Promise<void> {
    return queues.addQueueMember(this.db, queueId, userId);
  }
  listQueueMembers(queueId: string): Promise<string[]> {
    return queues.listQueueMembers(this.db, queueId);
  }
  getQueue(id: string): Promise<QueueRow | undefined> {
    return queues.getQueue(this.db, id);
  }
  updateQueue(queue: QueueRow): Promise<boolean> {
    return queues.updateQueue(this.db, queue);
  }
  deleteQueue(id: string): Promise<boolean> {
    return queues.deleteQueue(this.db, id);
  }
  setQueueMembers(queueId: string, userIds: string[]): Promise<void> {
    return queues.setQueueMembers(this.db, queueId, userIds);
  }
  listQueueMemberStates(queueId: string): Promise<QueueMemberRow[]> {
    return queues.listQueueMemberStates(this.db, queueId);
  }
  markQueueMemberOffered(queueId: string, userId: string, at: number): Promise<void> {
    return queues.markQueueMemberOffered(this.db, queueId, userId, at);
  }
  createRule(rule: RuleRow): Promise<void> {
    return rules.createRule(this.db, rule);
  }
  getRule(id: string): Promise<RuleRow | undefined> {
    return rules.getRule(this.db, id);
  }
  updateRule(rule: RuleRow, expectedUpdatedAt?: number): Promise<boolean> {
    return rules.updateRule(this.db, rule, expectedUpdatedAt);
  }
  deleteRule(id: string): Promise<void> {
    return rules.deleteRule(this.db, id);
  }
  listRules(widgetId: string): Promise<RuleRow[]> {
    return rules.listRules(this.db, widgetId);
  }

  createVisitor(visitor: VisitorRow): Promise<void> {
    return visitors.createVisitor(this.db, visitor);
  }
  getVisitor(id: string): Promise<VisitorRow | undefined> {
    return visitors.getVisitor(this.db, id);
  }
  updateVisitor(visitor: VisitorRow): Promise<void> {
    return visitors.updateVisitor(this.db, visitor);
  }
  addPageView(view: PageViewRow): Promise<void> {
    return visitors.addPageView(this.db, view);
  }
  recordPageView(view: PageViewRow, visitor?: VisitorRow): Promise<void> {
    return visitors.recordPageView(this.db, view, visitor);
  }
  listPageViews(visitorId: string, since: number): Promise<PageViewRow[]> {
    return visitors.listPageViews(this.db, visitorId, since);
  }
  lastPageViewBefore(visitorId: string, before: number): Promise<PageViewRow | undefined> {
    return journey.lastPageViewBefore(this.db, visitorId, before);
  }
  addVisitEvent(event: VisitEventRow): Promise<void> {
    return journey.addVisitEvent(this.db, event);
  }
  listVisitEvents(visitorId: string, visitStartedAt: number, limit: number): Promise<VisitEventRow[]> {
    return journey.listVisitEvents(this.db, visitorId, visitStartedAt, limit);
  }
  findLastConversation(visitorId: string): Promise<ConversationRow | undefined> {
    return journey.findLastConversation(this.db, visitorId);
  }
  addRuleVersion(version: RuleVersionRow): Promise<void> {
    return journey.addRuleVersion(this.db, version);
  }
  listRuleVersions(ruleId: string): Promise<RuleVersionRow[]> {
    return journey.listRuleVersions(this.db, ruleId);
  }
  listWidgetInvitations(widgetId: string, from: number, to: number): Promise<InvitationRow[]> {
    return journey.listWidgetInvitations(this.db, widgetId, from, to);
  }
  listWidgetConversations(widgetId: string, from: number, to: number): Promise<ConversationRow[]> {
    return journey.listWidgetConversations(this.db, widgetId, from, to);
  }
  createRulePreview(preview: RulePreviewRow): Promise<void> {
    return journey.createRulePreview(this.db, preview);
  }
  getRulePreview(tokenHash: string): Promise<RulePreviewRow | undefined> {
    return journey.getRulePreview(this.db, tokenHash);
  }
  addRuleEvaluations(counts: readonly RuleDayCount[]): Promise<void> {
    return journey.addRuleEvaluations(this.db, counts);
  }
  listRuleEvaluations(widgetId: string, fromDay: string, toDay: string): Promise<RuleDayCount[]> {
    return journey.listRuleEvaluations(this.db, widgetId, fromDay, toDay);
  }

  createInvitation(invitation: InvitationRow): Promise<boolean> {
    return invitations.createInvitation(this.db, invitation);
  }
  getInvitation(id: string): Promise<InvitationRow | undefined> {
    return invitations.getInvitation(this.db, id);
  }
  findShownInvitation(visitorId: string): Promise<InvitationRow | undefined> {
    return invitations.findShownInvitation(this.db, visitorId);
  }
  listInvitations(visitorId: string, since: number): Promise<InvitationRow[]> {
    return invitations.listInvitations(this.db, visitorId, since);
  }
  closeInvitation(id: string, to: Exclude<InvitationStatus, 'shown'>, at: number): Promise<boolean> {
    return invitations.closeInvitation(this.db, id, to, at);
  }
  listOverdueInvitations(at: number): Promise<InvitationRow[]> {
    return invitations.listOverdueInvitations(this.db, at);
  }

  createConversation(conversation: ConversationRow): Promise<void> {
    return conversations.createConversation(this.db, conversation);
  }
  getConversation(id: string): Promise<ConversationRow | undefined> {
    return conversations.getConversation(this.db, id);
  }
  findOpenConversation(visitorId: string): Promise<ConversationRow | undefined> {
    return conversations.findOpenConversation(this.db, visitorId);
  }
  listAgentConversations(agentId: string, statuses: ConversationStatus[]): Promise<ConversationRow[]> {
    return conversations.listAgentConversations(this.db, agentId, statuses);
  }
  listWaitingConversations(queueId: string): Promise<ConversationRow[]> {
    return conversations.listWaitingConversations(this.db, queueId);
  }
  assignConversation(id: string, agentId: string, at: number): Promise<boolean> {
    return conversations.assignConversation(this.db, id, agentId, at);
  }
  endConversation(id: string, at: number): Promise<boolean> {
    return conversations.endConversation(this.db, id, at);
  }
  setConversationCustomer(id: string, customer: CustomerMatch): Promise<void> {
    return conversations.setConversationCustomer(this.db, id, customer);
  }
  appendMessage(message: NewMessage): Promise<ChatMessage> {
    return messages.appendMessage(this.db, message);
  }
  listMessages(conversationId: string, afterSeq: number): Promise<ChatMessage[]> {
    return messages.listMessages(this.db, conversationId, afterSeq);
  }

  createOffer(offer: OfferRow): Promise<boolean> {
    return offers.createOffer(this.db, offer);
  }
  getOffer(id: string): Promise<OfferRow | undefined> {
    return offers.getOffer(this.db, id);
  }
  closeOffer(id: string, to: Exclude<OfferStatus, 'pending'>, at: number): Promise<boolean> {
    return offers.closeOffer(this.db, id, to, at);
  }
  listOffersForConversation(conversationId: string): Promise<OfferRow[]> {
    return offers.listOffersForConversation(this.db, conversationId);
  }
  listPendingOffersForAgent(agentId: string): Promise<OfferRow[]> {
    return offers.listPendingOffersForAgent(this.db, agentId);
  }
  listOverdueOffers(at: number): Promise<OfferRow[]> {
    return offers.listOverdueOffers(this.db, at);
  }
  createOfferWithinCapacity(offer: OfferRow): Promise<boolean> {
    return capacity.createOfferWithinCapacity(this.db, offer);
  }
  assignConversationWithinCapacity(id: string, agentId: string, at: number): Promise<boolean> {
    return capacity.assignConversationWithinCapacity(this.db, id, agentId, at);
  }

  acceptOffer(id: string, at: number): Promise<AcceptOutcome> {
    return capacity.acceptOffer(this.db, id, at);
  }

  recordMissedOffer(agentId: string): Promise<number> {
    return onceOnly.recordMissedOffer(this.db, agentId);
  }

  resetMissedOffers(agentId: string): Promise<void> {
    return onceOnly.resetMissedOffers(this.db, agentId);
  }

  addVisitorConnection(nodeId: string, visitorId: string): Promise<void> {
    return onceOnly.addVisitorConnection(this.db, nodeId, visitorId);
  }

  removeVisitorConnection(nodeId: string, visitorId: string, at: number): Promise<void> {
    return onceOnly.removeVisitorConnection(this.db, nodeId, visitorId, at);
  }

  reapVisitorConnections(before: number, self: string): Promise<void> {
    return onceOnly.reapVisitorConnections(this.db, before, self);
  }

  listAbandonedConversations(goneBefore: number): Promise<ConversationRow[]> {
    return onceOnly.listAbandonedConversations(this.db, goneBefore);
  }

  createCustomer(customer: CustomerRow): Promise<void> {
    return customers.createCustomer(this.db, customer);
  }
  getCustomer(id: string): Promise<CustomerRow | undefined> {
    return customers.getCustomer(this.db, id);
  }
  findActiveCustomers(
    field: 'email' | 'phone' | 'name' | 'externalId' | 'id',
    value: string,
  ): Promise<CustomerRow[]> {
    return customers.findActiveCustomers(this.db, field, value);
  }
  searchCustomers(q: string, limit: number): Promise<CustomerRow[]> {
    return customers.searchCustomers(this.db, q, limit);
  }

  listRecentlyHandled(queueId: string, limit: number): Promise<HandledSpan[]> {
    return routing.listRecentlyHandled(this.db, queueId, limit);
  }
  requeueConversation(id: string, fromAgentId: string, queueId: string): Promise<boolean> {
    return routing.requeueConversation(this.db, id, fromAgentId, queueId);
  }
  reassignConversation(id: string, fromAgentId: string, toAgentId: string): Promise<boolean> {
    return routing.reassignConversation(this.db, id, fromAgentId, toAgentId);
  }
  saveWrapUp(wrapUp: WrapUpRow): Promise<boolean> {
    return routing.saveWrapUp(this.db, wrapUp);
  }
  getWrapUp(conversationId: string): Promise<WrapUpRow | undefined> {
    return routing.getWrapUp(this.db, conversationId);
  }
  listAwaitingWrapUp(agentId: string, since: number): Promise<ConversationRow[]> {
    return routing.listAwaitingWrapUp(this.db, agentId, since);
  }
  listOpenConversations(): Promise<ConversationRow[]> {
    return routing.listOpenConversations(this.db);
  }
  countInvitationsByStatus(since: number): Promise<Record<InvitationStatus, number>> {
    return routing.countInvitationsByStatus(this.db, since);
  }

  markReceipt(conversationId: string, status: 'delivered' | 'read', seq: number): Promise<ReceiptMarks> {
    return routing.markReceipt(this.db, conversationId, status, seq);
  }
  markAgentRead(conversationId: string, seq: number): Promise<ReceiptMarks> {
    return routing.markAgentRead(this.db, conversationId, seq);
  }
  getReceipts(conversationId: string): Promise<ReceiptMarks> {
    return routing.getReceipts(this.db, conversationId);
  }
  createQuickReply(reply: QuickReplyRow): Promise<void> {
    return routing.createQuickReply(this.db, reply);
  }
  listQuickReplies(): Promise<QuickReplyRow[]> {
    return routing.listQuickReplies(this.db);
  }
  updateQuickReply(reply: QuickReplyRow): Promise<boolean> {
    return routing.updateQuickReply(this.db, reply);
  }
  deleteQuickReply(id: string): Promise<boolean> {
    return routing.deleteQuickReply(this.db, id);
  }

  setPresence(userId: string, status: Presence, at: number): Promise<void> {
    return accounts.setPresence(this.db, userId, status, at);
  }
  getPresence(userId: string): Promise<Presence> {
    return accounts.getPresence(this.db, userId);
  }

  saveChatSurvey(survey: ChatSurvey): Promise<boolean> {
    return surveys.saveChatSurvey(this.db, survey);
  }
  getChatSurvey(conversationId: string): Promise<ChatSurvey | undefined> {
    return surveys.getChatSurvey(this.db, conversationId);
  }
  listChatSurveys(conversationIds: readonly string[]): Promise<ChatSurvey[]> {
    return surveys.listChatSurveys(this.db, conversationIds);
  }
  listRecentChatSurveys(limit: number, before?: number): Promise<SurveyListItem[]> {
    return surveys.listRecentChatSurveys(this.db, limit, before);
  }
  heartbeatNode(nodeId: string, at: number): Promise<boolean> {
    return nodes.heartbeatNode(this.db, nodeId, at);
  }
  addAgentConnection(nodeId: string, userId: string): Promise<void> {
    return nodes.addAgentConnection(this.db, nodeId, userId);
  }
  removeAgentConnection(nodeId: string, userId: string): Promise<void> {
    return nodes.removeAgentConnection(this.db, nodeId, userId);
  }
  reapDeadNodes(before: number, self: string): Promise<string[]> {
    return nodes.reapDeadNodes(this.db, before, self);
  }
  listConnectedAgents(): Promise<string[]> {
    return nodes.listConnectedAgents(this.db);
  }
}

/**
 * Wraps an open connection in a store and applies pending migrations, so the store is ready to use; the
 * connection is closed if that fails, so a bad start leaks nothing.
 */
export async function openMigrated<S extends Store>(store: S): Promise<S> {
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
