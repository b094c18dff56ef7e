import type { AcceptanceModelStore } from './store/acceptance-models.ts';
import type { AccountStore } from './store/accounts.ts';
import type { AnalyticsStore } from './store/analytics.ts';
import type { ApiTokenStore } from './store/api-tokens.ts';
import type { AuditStore } from './store/audit.ts';
import type { CapacityStore } from './store/capacity.ts';
import type { ConversationStore } from './store/conversations.ts';
import type { CustomerStore } from './store/customers.ts';
import type { FileStore } from './store/files.ts';
import type { HandoverStore } from './store/handovers.ts';
import type { InstallationSecretStore } from './store/installation-secrets.ts';
import type { InvitationStore } from './store/invitations.ts';
import type { JourneyStore } from './store/journeys.ts';
import type { LeftMessageStore } from './store/left-messages.ts';
import type { MailOutboxStore } from './store/mail-outbox.ts';
import type { MessageStore } from './store/messages.ts';
import type { NodeStore } from './store/nodes.ts';
import type { OfferStore } from './store/offers.ts';
import type { PersonalDataStore } from './store/personal-data.ts';
import type { PresenceStore } from './store/presence.ts';
import type { QueueStore } from './store/queues.ts';
import type { QuickReplyStore } from './store/quick-replies.ts';
import type { ReceiptStore } from './store/receipts.ts';
import type { RetentionStore } from './store/retention.ts';
import type { RuleCheckStore } from './store/rule-checks.ts';
import type { RuleStore } from './store/rules.ts';
import type { SingleSignOnStore } from './store/single-sign-on.ts';
import type { SurveyStore } from './store/surveys.ts';
import type { VisitorMessageStore } from './store/visitor-messages.ts';
import type { VisitorCredentialStore, VisitorStore } from './store/visitors.ts';
import type { WebhookStore } from './store/webhooks.ts';
import type { WidgetStore } from './store/widgets.ts';
import type { WrapUpStore } from './store/wrap-ups.ts';

export type * from './store/acceptance-models.ts';
export type * from './store/accounts.ts';
export type * from './store/analytics.ts';
export type * from './store/api-tokens.ts';
export type * from './store/audit.ts';
export type * from './store/capacity.ts';
export type * from './store/conversations.ts';
export type * from './store/customers.ts';
export type * from './store/files.ts';
export type * from './store/handovers.ts';
export type * from './store/installation-secrets.ts';
export type * from './store/invitations.ts';
export type * from './store/journeys.ts';
export type * from './store/left-messages.ts';
export type * from './store/mail-outbox.ts';
export type * from './store/messages.ts';
export type * from './store/nodes.ts';
export type * from './store/offers.ts';
export type * from './store/personal-data.ts';
export type * from './store/presence.ts';
export type * from './store/queues.ts';
export type * from './store/quick-replies.ts';
export type * from './store/receipts.ts';
export type * from './store/retention.ts';
export type * from './store/rule-checks.ts';
export type * from './store/rules.ts';
export type * from './store/single-sign-on.ts';
export type * from './store/surveys.ts';
export type * from './store/visitor-messages.ts';
export type * from './store/visitors.ts';
export type * from './store/webhooks.ts';
export type * from './store/widgets.ts';
export type * from './store/wrap-ups.ts';

/**
 * The system of record, one port per concept (`store/<concept>.ts`, each with its rows); `Store` is all of them
 * plus the lifecycle. Every method is async so that SQLite and PostgreSQL adapters share one contract
 * (store.contract.ts, one suite per port in store-contract/). Conditional writes (`close*`, `end*`, `requeue*`,
 * `accept*`, `*WithinCapacity`) change the row only if it is still in one of the expected states, and say
 * whether this call won: that is how once-only decisions stay once-only across nodes. All times are epoch
 * milliseconds.
 */
export interface StoreParts {
  accounts: AccountStore;
  presence: PresenceStore;
  nodes: NodeStore;
  widgets: WidgetStore;
  queues: QueueStore;
  rules: RuleStore;
  visitors: VisitorStore;
  visitorCredentials: VisitorCredentialStore;
  handovers: HandoverStore;
  journeys: JourneyStore;
  invitations: InvitationStore;
  conversations: ConversationStore;
  messages: MessageStore;
  receipts: ReceiptStore;
  offers: OfferStore;
  capacity: CapacityStore;
  customers: CustomerStore;
  surveys: SurveyStore;
  leftMessages: LeftMessageStore;
  files: FileStore;
  mailOutbox: MailOutboxStore;
  quickReplies: QuickReplyStore;
  wrapUps: WrapUpStore;
  analytics: AnalyticsStore;
  audit: AuditStore;
  personalData: PersonalDataStore;
  retention: RetentionStore;
  apiTokens: ApiTokenStore;
  webhooks: WebhookStore;
  acceptanceModels: AcceptanceModelStore;
  installationSecrets: InstallationSecretStore;
  singleSignOn: SingleSignOnStore;
}

export interface StoreLifecycle {
  /** Creates tables / runs pending migrations. Idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface Store
  extends StoreLifecycle,
    AccountStore,
    PresenceStore,
    NodeStore,
    WidgetStore,
    QueueStore,
    RuleStore,
    VisitorStore,
    VisitorCredentialStore,
    HandoverStore,
    JourneyStore,
    InvitationStore,
    ConversationStore,
    MessageStore,
    VisitorMessageStore,
    RuleCheckStore,
    ReceiptStore,
    OfferStore,
    CapacityStore,
    CustomerStore,
    SurveyStore,
    LeftMessageStore,
    FileStore,
    MailOutboxStore,
    QuickReplyStore,
    WrapUpStore,
    AnalyticsStore,
    AuditStore,
    PersonalDataStore,
    RetentionStore,
    ApiTokenStore,
    WebhookStore,
    AcceptanceModelStore,
    InstallationSecretStore,
    SingleSignOnStore {}
