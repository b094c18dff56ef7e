import type { ChatMessage, ConversationStatus, CustomerMatch, Presence } from '@beckon/protocol';
import type { Kysely } from 'kysely';
import type {
  ConversationRow,
  CustomerRow,
  InvitationRow,
  InvitationStatus,
  NewMessage,
  OfferRow,
  OfferStatus,
  PageViewRow,
  QueueRow,
  RuleRow,
  SessionRow,
  Store,
  UserRow,
  VisitorRow,
  WidgetRow,
} from '../../ports/store.ts';
import * as accounts from './account-queries.ts';
import * as conversations from './conversation-queries.ts';
import * as customers from './customer-queries.ts';
import * as invitations from './invitation-queries.ts';
import * as messages from './message-queries.ts';
import { migrateToLatest } from './migrations.ts';
import * as offers from './offer-queries.ts';
import * as rules from './rule-queries.ts';
import type { Database } from './schema.ts';
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
  createQueue(queue: QueueRow): Promise<void> {
    return widgets.createQueue(this.db, queue);
  }
  listQueues(): Promise<QueueRow[]> {
    return widgets.listQueues(this.db);
  }
  addQueueMember(queueId: string, userId: string): Promise<void> {
    return widgets.addQueueMember(this.db, queueId, userId);
  }
  listQueueMembers(queueId: string): Promise<string[]> {
    return widgets.listQueueMembers(this.db, queueId);
  }
  createRule(rule: RuleRow): Promise<void> {
    return rules.createRule(this.db, rule);
  }
  getRule(id: string): Promise<RuleRow | undefined> {
    return rules.getRule(this.db, id);
  }
  updateRule(rule: RuleRow): Promise<void> {
    return rules.updateRule(this.db, rule);
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
  listPageViews(visitorId: string, since: number): Promise<PageViewRow[]> {
    return visitors.listPageViews(this.db, visitorId, since);
  }

  createInvitation(invitation: InvitationRow): Promise<void> {
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

  createOffer(offer: OfferRow): Promise<void> {
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

  setPresence(userId: string, status: Presence, at: number): Promise<void> {
    return accounts.setPresence(this.db, userId, status, at);
  }
  getPresence(userId: string): Promise<Presence> {
    return accounts.getPresence(this.db, userId);
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
