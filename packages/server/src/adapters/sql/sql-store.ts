import type { ChatMessage } from '@beckon/protocol';
import type { Kysely } from 'kysely';
import type {
  Acceptance,
  NewMessage,
  NewVisitorMessage,
  RuleCheckReads,
  RuleRow,
  Store,
  StoreParts,
  VisitorMessageAppended,
  WidgetRow,
} from '../../ports/store.ts';
import { composedOf } from './compose.ts';
import { migrateToLatest } from './migrations.ts';
import { SqlAcceptanceModels } from './queries/acceptance-models.ts';
import { SqlAccounts } from './queries/accounts.ts';
import { SqlAnalytics } from './queries/analytics.ts';
import { SqlApiTokens } from './queries/api-tokens.ts';
import { SqlAudit } from './queries/audit.ts';
import { SqlCapacity } from './queries/capacity.ts';
import { SqlConversations } from './queries/conversations.ts';
import { SqlCustomers } from './queries/customers.ts';
import { SqlFiles } from './queries/files.ts';
import { SqlHandovers } from './queries/handovers.ts';
import { SqlInstallationSecrets } from './queries/installation-secrets.ts';
import { SqlInvitations } from './queries/invitations.ts';
import { SqlJourneys } from './queries/journeys.ts';
import { SqlLeftMessages } from './queries/left-messages.ts';
import { SqlMailOutbox } from './queries/mail-outbox.ts';
import { SqlMessages } from './queries/messages.ts';
import { SqlNodes } from './queries/nodes.ts';
import { SqlOffers } from './queries/offers.ts';
import { SqlPersonalData } from './queries/personal-data.ts';
import { SqlPresence } from './queries/presence.ts';
import { SqlQueues } from './queries/queues.ts';
import { SqlQuickReplies } from './queries/quick-replies.ts';
import { SqlReceipts } from './queries/receipts.ts';
import { SqlRetention } from './queries/retention.ts';
import { SqlRules } from './queries/rules.ts';
import { SqlSingleSignOn } from './queries/single-sign-on.ts';
import { SqlSurveys } from './queries/surveys.ts';
import { SqlVisitorCredentials } from './queries/visitor-credentials.ts';
import { SqlVisitors } from './queries/visitors.ts';
import { SqlWebhooks } from './queries/webhooks.ts';
import { SqlWidgets } from './queries/widgets.ts';
import { SqlWrapUps } from './queries/wrap-ups.ts';
import type { Database } from './schema.ts';

/** The dialect-neutral implementation of each port (`queries/<concept>.ts`), over one connection. */
export interface SqlParts extends StoreParts {
  accounts: SqlAccounts;
  presence: SqlPresence;
  nodes: SqlNodes;
  widgets: SqlWidgets;
  queues: SqlQueues;
  rules: SqlRules;
  visitors: SqlVisitors;
  visitorCredentials: SqlVisitorCredentials;
  handovers: SqlHandovers;
  journeys: SqlJourneys;
  invitations: SqlInvitations;
  conversations: SqlConversations;
  messages: SqlMessages;
  receipts: SqlReceipts;
  offers: SqlOffers;
  capacity: SqlCapacity;
  customers: SqlCustomers;
  surveys: SqlSurveys;
  leftMessages: SqlLeftMessages;
  files: SqlFiles;
  mailOutbox: SqlMailOutbox;
  quickReplies: SqlQuickReplies;
  wrapUps: SqlWrapUps;
  analytics: SqlAnalytics;
  audit: SqlAudit;
  personalData: SqlPersonalData;
  retention: SqlRetention;
  apiTokens: SqlApiTokens;
  webhooks: SqlWebhooks;
  acceptanceModels: SqlAcceptanceModels;
  installationSecrets: SqlInstallationSecrets;
  singleSignOn: SqlSingleSignOn;
}

/** Each concept's implementation over `db`; `own` replaces some with an adapter's. */
export function sqlParts(db: Kysely<Database>, own: Partial<SqlParts> = {}): SqlParts {
  return {
    accounts: new SqlAccounts(db),
    presence: new SqlPresence(db),
    nodes: new SqlNodes(db),
    widgets: new SqlWidgets(db),
    queues: new SqlQueues(db),
    rules: new SqlRules(db),
    visitors: new SqlVisitors(db),
    visitorCredentials: new SqlVisitorCredentials(db),
    handovers: new SqlHandovers(db),
    journeys: new SqlJourneys(db),
    invitations: new SqlInvitations(db),
    conversations: new SqlConversations(db),
    messages: new SqlMessages(db),
    receipts: new SqlReceipts(db),
    offers: new SqlOffers(db),
    capacity: new SqlCapacity(db),
    customers: new SqlCustomers(db),
    surveys: new SqlSurveys(db),
    leftMessages: new SqlLeftMessages(db),
    files: new SqlFiles(db),
    mailOutbox: new SqlMailOutbox(db),
    quickReplies: new SqlQuickReplies(db),
    wrapUps: new SqlWrapUps(db),
    analytics: new SqlAnalytics(db),
    audit: new SqlAudit(db),
    personalData: new SqlPersonalData(db),
    retention: new SqlRetention(db),
    apiTokens: new SqlApiTokens(db),
    webhooks: new SqlWebhooks(db),
    acceptanceModels: new SqlAcceptanceModels(db),
    installationSecrets: new SqlInstallationSecrets(db),
    singleSignOn: new SqlSingleSignOn(db),
    ...own,
  };
}

const ComposedStore = composedOf<StoreParts>();

/**
 * The Store port over any Kysely dialect: the per-concept implementations beside it, composed. The SQLite and
 * PostgreSQL adapters are this class with their own connection, overriding their hot paths; what makes each one
 * safe under concurrency is described where it happens (`queries/messages.ts` for seqs, the conditional writes).
 */
export class SqlStore extends ComposedStore implements Store {
  protected readonly parts: SqlParts;

  constructor(
    protected readonly db: Kysely<Database>,
    parts: SqlParts = sqlParts(db),
  ) {
    super(parts);
    this.parts = parts;
  }

  /** Looked up, then appended through this store's `appendMessage` (an adapter's own, where it has one). */
  appendVisitorMessage(message: NewVisitorMessage): Promise<VisitorMessageAppended | undefined> {
    return this.appendVisitorMessageWith(message, (m) => this.appendMessage(m));
  }

  protected async appendVisitorMessageWith(
    { visitorId, authorName, ...message }: NewVisitorMessage,
    append: (message: NewMessage) => Promise<ChatMessage>,
  ): Promise<VisitorMessageAppended | undefined> {
    const conversation = await this.findOpenConversation(visitorId);
    if (!conversation) return undefined;
    const stored = await append({
      ...message,
      conversationId: conversation.id,
      author: 'visitor',
      authorName: authorName(conversation),
    });
    return { conversation, message: stored };
  }

  /** The acceptance, then the system message through this store's own `appendMessage`: two steps here. */
  override async acceptOffer(
    id: string,
    at: number,
    agentId?: string,
    joinedText?: string,
  ): Promise<Acceptance> {
    const acceptance = await this.parts.capacity.acceptOffer(id, at, agentId);
    if (acceptance.outcome !== 'assigned' || joinedText === undefined) return acceptance;
    const { conversation } = acceptance;
    const message = await this.appendMessage({
      conversationId: conversation.id,
      author: 'system',
      text: joinedText,
      createdAt: at,
    });
    return { outcome: 'assigned', conversation: { ...conversation, lastSeq: message.seq }, message };
  }

  /**
   * One read after another, through this store's own methods (an adapter's prepared statements, where it has
   * them), stopping where the rule check would: each is cheap on an embedded database.
   */
  async readRuleCheck(
    widgetId: string,
    visitorId: string,
    since: (widget: WidgetRow, rules: readonly RuleRow[]) => number,
  ): Promise<RuleCheckReads> {
    const widget = await this.getWidget(widgetId);
    const none: RuleCheckReads = { rules: [], busy: false, history: [] };
    if (!widget?.enabled || !widget.proactiveEnabled) return { ...none, ...(widget && { widget }) };
    const busy =
      (await this.findOpenConversation(visitorId)) !== undefined ||
      (await this.findShownInvitation(visitorId)) !== undefined;
    if (busy) return { ...none, widget, busy };
    const rules = await this.listRules(widgetId);
    return { widget, rules, busy, history: await this.listInvitations(visitorId, since(widget, rules)) };
  }

  migrate(): Promise<void> {
    return migrateToLatest(this.db);
  }

  close(): Promise<void> {
    return this.db.destroy();
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
