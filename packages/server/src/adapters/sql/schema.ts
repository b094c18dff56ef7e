// Over 300 lines: the Kysely types of every table in one place, so queries and migrations agree.
import type { ColumnType, Kysely } from 'kysely';

/**
 * Kysely table shapes shared by the SQLite and PostgreSQL adapters. Column names are snake_case; `mappers.ts`
 * turns rows into the records of `ports/store.ts`.
 *
 * Epoch milliseconds and counters are `bigint` columns. better-sqlite3 returns them as numbers, `pg` returns
 * int8 as strings, so the read type admits both and the mappers convert with `Number()` (epoch ms stay far below
 * 2^53). Booleans are integers 0/1 and structured fields are JSON text, so one migration fits both engines.
 */
export type Int64 = ColumnType<number | string | bigint, number, number>;
export type Flag = number;
export type JsonText = string;

export interface UsersTable {
  id: string;
  /** Always lower case: the unique index is then case-insensitive on every engine. */
  email: string;
  name: string;
  role: string;
  password_hash: string;
  capacity: number;
  created_at: Int64;
  /** Offer timeouts in a row (presence Inactive after N); defaults to 0 on insert. */
  missed_offers: ColumnType<number, number | undefined, number>;
  /** `active`, `disabled` or `deleted`; defaults to `active` on insert. */
  status: ColumnType<string, string | undefined, string>;
  /** 1 after an admin set a temporary password, until the user changes it. */
  password_change_required: ColumnType<number, number | undefined, number>;
  last_sign_in_at: ColumnType<number | string | bigint | null, number | null | undefined, number | null>;
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>;
  totp_pending_secret: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RecoveryCodesTable {
  user_id: string;
  /** SHA-256 of the code, hex: the codes are random enough that a fast hash suffices. */
  code_hash: string;
  used_at: ColumnType<number | string | bigint | null, number | null | undefined, number | null>;
}

export interface UserIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  linked_at: Int64;
}

export interface SignInChallengesTable {
  /** SHA-256 of the challenge token, hex. */
  id: string;
  user_id: string;
  expires_at: Int64;
  attempts: ColumnType<number, number | undefined, number>;
}

export interface TwoFactorRolesTable {
  role: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Int64;
  expires_at: Int64;
}

export interface PresenceTable {
  user_id: string;
  status: string;
  updated_at: Int64;
}

export interface QueuesTable {
  id: string;
  name: string;
  assignment_method: ColumnType<string, string | undefined, string>;
  offer_timeout_seconds: number | null;
  auto_assign: ColumnType<Flag, Flag | undefined, Flag>;
}

export interface QueueMembersTable {
  queue_id: string;
  user_id: string;
  last_offered_at: ColumnType<number | string | bigint | null, number | null | undefined, number | null>;
}

export interface WidgetsTable {
  id: string;
  key: string;
  name: string;
  title: string;
  color: string;
  locale: string;
  enabled: Flag;
  proactive_enabled: Flag;
  allowed_origins: JsonText;
  queue_id: string;
  offer_timeout_seconds: number;
  prechat_fields: JsonText;
  identity_algorithm: string;
  identity_issuer: string | null;
  identity_secret: string | null;
  identity_audience: string | null;
  identity_max_lifetime_seconds: number;
  fatigue_per_visit: number;
  fatigue_per_week: number;
  dismiss_backoff_minutes: number;
  consent_required: Flag;
  operating_hours: JsonText | null;
  /** JSON of the invitation's look; null = the widget's defaults. */
  invitation_look: ColumnType<JsonText | null, JsonText | null | undefined, JsonText | null>;
  prechat_creates_customers: ColumnType<Flag, Flag | undefined, Flag>;
  invite_only_when_answerable: ColumnType<Flag, Flag | undefined, Flag>;
  /** JSON array of query-parameter names; '[]' = the built-in deny-list only. */
  url_param_deny_list: ColumnType<JsonText, JsonText | undefined, JsonText>;
  sneak_peek: ColumnType<Flag, Flag | undefined, Flag>;
  /** Added by migration 0024: JSON text, the file types the widget accepts. */
  file_types: ColumnType<JsonText, JsonText | undefined, JsonText>;
  file_max_bytes: ColumnType<number | string | bigint, number | undefined, number>;
  smart_invitations: ColumnType<Flag, Flag | undefined, Flag>;
  created_at: Int64;
}

export interface RulesTable {
  id: string;
  widget_id: string;
  name: string;
  enabled: Flag;
  priority: number;
  conditions: JsonText;
  message: JsonText;
  show_prechat: Flag;
  /** JSON of the rule's caps; null = the default (once per visit). */
  caps: JsonText | null;
  updated_at: Int64;
  /** The queue chats from this rule go to; null = the widget's. */
  queue_id: ColumnType<string | null, string | null | undefined, string | null>;
  status: string;
  /** JSON of the rule's A/B split; null = none. */
  split: JsonText | null;
  /** JSON of the rule's smart options (kill switch, best moment); null = none. */
  smart: ColumnType<JsonText | null, JsonText | null | undefined, JsonText | null>;
}

/** How many times each rule was evaluated per UTC day (`YYYY-MM-DD`), flushed from memory in batches. */
export interface RuleDailyStatsTable {
  rule_id: string;
  day: string;
  widget_id: string;
  evaluated: Int64;
}

/** Rule preview links: only the SHA-256 of the token is stored. */
export interface RulePreviewsTable {
  token_hash: string;
  rule_id: string;
  widget_id: string;
  user_id: string;
  expires_at: Int64;
}

export interface RuleVersionsTable {
  rule_id: string;
  version: number;
  widget_id: string;
  action: string;
  user_id: string | null;
  at: Int64;
  /** JSON of the rule's content (RuleInput) at that version. */
  rule: JsonText;
}

export interface VisitorsTable {
  id: string;
  widget_id: string;
  created_at: Int64;
  last_seen_at: Int64;
  visit_count: number;
  visit_started_at: Int64;
  name: string | null;
  customer_id: string | null;
  /** When the visitor's last socket on any node closed; null while one is open. */
  gone_since: ColumnType<number | string | bigint | null, number | null | undefined, number | null>;
}

/** Added by migration 0013: the hash of each visitor's secret. */
export interface VisitorCredentialsTable {
  visitor_id: string;
  secret_hash: string;
  created_at: Int64;
}

/** Added by migration 0013: single-use chat-window handovers, by the hash of their token. */
export interface VisitorHandoversTable {
  token_hash: string;
  visitor_id: string;
  widget_id: string;
  origin: string;
  expires_at: Int64;
}

export interface PageViewsTable {
  id: string;
  visitor_id: string;
  url: string;
  title: string;
  referrer: string | null;
  at: Int64;
}

export interface VisitEventsTable {
  id: string;
  visitor_id: string;
  visit_started_at: Int64;
  name: string;
  /** JSON object of string, number and boolean values, or null. */
  props: string | null;
  at: Int64;
}

export interface InvitationsTable {
  id: string;
  widget_id: string;
  visitor_id: string;
  rule_id: string | null;
  rule_name: string | null;
  source: string;
  message: string;
  show_prechat: Flag;
  status: string;
  created_at: Int64;
  expires_at: Int64;
  closed_at: Int64 | null;
  /** A/B split side: a variant id, 'default', or 'holdout'; null before splits existed or for page invitations. */
  variant: string | null;
  /** The inviting agent of an agent's invitation (a user id; history, not a reference). */
  agent_id: string | null;
  /** 1: the rule used the acceptance model when it made this invitation (smart), 0: static. */
  smart: ColumnType<Flag, Flag | undefined, Flag>;
}

export interface ConversationsTable {
  id: string;
  widget_id: string;
  visitor_id: string;
  queue_id: string;
  status: string;
  agent_id: string | null;
  invitation_id: string | null;
  context: JsonText;
  customer: JsonText;
  created_at: Int64;
  accepted_at: Int64 | null;
  ended_at: Int64 | null;
  /** A floor of the last seq on SQLite, exact on PostgreSQL: read it through `lastSeqNow` (last-seq.ts). */
  last_seq: Int64;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  seq: Int64;
  author: string;
  author_name: string | null;
  text: string;
  client_msg_id: string | null;
  created_at: Int64;
}

export interface OffersTable {
  id: string;
  conversation_id: string;
  agent_id: string;
  status: string;
  created_at: Int64;
  expires_at: Int64;
  closed_at: Int64 | null;
}

export interface CustomersTable {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  external_id: string | null;
  active: Flag;
  created_at: Int64;
}

export interface WrapUpsTable {
  conversation_id: string;
  agent_id: string;
  outcome: string;
  notes: string;
  at: Int64;
}

export interface QuickRepliesTable {
  id: string;
  title: string;
  text: string;
  created_at: Int64;
}

export interface ReceiptsTable {
  conversation_id: string;
  delivered_seq: Int64;
  read_seq: Int64;
  /** Added by migration 0011: the agent's read mark of the visitor's messages. */
  agent_read_seq: ColumnType<number | string | bigint, number | undefined, number>;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  recovery_codes: RecoveryCodesTable;
  sign_in_challenges: SignInChallengesTable;
  user_identities: UserIdentitiesTable;
  two_factor_roles: TwoFactorRolesTable;
  presence: PresenceTable;
  queues: QueuesTable;
  queue_members: QueueMembersTable;
  widgets: WidgetsTable;
  rules: RulesTable;
  visitors: VisitorsTable;
  visitor_credentials: VisitorCredentialsTable;
  visitor_handovers: VisitorHandoversTable;
  page_views: PageViewsTable;
  visit_events: VisitEventsTable;
  invitations: InvitationsTable;
  rule_versions: RuleVersionsTable;
  rule_daily_stats: RuleDailyStatsTable;
  rule_previews: RulePreviewsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  offers: OffersTable;
  customers: CustomersTable;
  chat_surveys: ChatSurveysTable;
  left_messages: LeftMessagesTable;
  files: FilesTable;
  file_blobs: FileBlobsTable;
  mail_outbox: MailOutboxTable;
  wrap_ups: WrapUpsTable;
  quick_replies: QuickRepliesTable;
  receipts: ReceiptsTable;
  nodes: NodesTable;
  installation_secrets: InstallationSecretsTable;
  single_sign_on_settings: SingleSignOnSettingsTable;
  agent_connections: AgentConnectionsTable;
  visitor_connections: VisitorConnectionsTable;
  audit_entries: AuditEntriesTable;
  retention_settings: RetentionSettingsTable;
  funnel_daily: FunnelDailyTable;
  funnel_rolled_days: FunnelRolledDaysTable;
  api_tokens: ApiTokensTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  acceptance_models: AcceptanceModelsTable;
}

/** The funnel's counts of one UTC day, widget, rule and A/B side, kept after the invitations are purged. */
export interface FunnelDailyTable {
  day: string;
  widget_id: string;
  rule_id: string;
  rule_name: string | null;
  variant: string;
  invited: Int64;
  shown: Int64;
  held: Int64;
  accepted: Int64;
  dismissed: Int64;
  expired: Int64;
  agent_accepted: Int64;
  ended: Int64;
  csat_count: Int64;
  csat_sum: Int64;
  /** The share of the counts above made by smart invitations (static: the rest). */
  smart_shown: Int64;
  smart_accepted: Int64;
  smart_dismissed: Int64;
  smart_expired: Int64;
  smart_agent_accepted: Int64;
}

export interface FunnelRolledDaysTable {
  day: string;
  rolled_at: Int64;
}

/** A message a visitor left when nobody could answer: where the e-mailed reply goes, in which language. */
export interface LeftMessagesTable {
  conversation_id: string;
  visitor_id: string;
  name: string;
  email: string;
  language: string;
  created_at: Int64;
}

export interface ChatSurveysTable {
  conversation_id: string;
  rating: number;
  comment: string | null;
  created_at: Int64;
}

/** A connection or a transaction: query functions accept either. */
export type Db = Kysely<Database>;

/** 0/1 flags and nullable fields: null is "not saved", so the environment or the default applies. */
export interface SingleSignOnSettingsTable {
  id: string;
  enabled: number | null;
  issuer: string | null;
  client_id: string | null;
  client_secret: string | null;
  name: string | null;
  roles_claim: string | null;
  /** JSON: `[{ role, values }]`. */
  role_mapping: string | null;
  password_login: number | null;
  updated_by: string | null;
  updated_at: Int64;
}

export interface InstallationSecretsTable {
  name: string;
  value: string;
}

export interface NodesTable {
  id: string;
  heartbeat_at: Int64;
}

export interface AgentConnectionsTable {
  node_id: string;
  user_id: string;
}

export interface VisitorConnectionsTable {
  node_id: string;
  visitor_id: string;
}

/** Append-only: admin actions. `details` is JSON text of ids and changed field names, never typed values. */
export interface AuditEntriesTable {
  id: string;
  at: Int64;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  details: JsonText;
}

export interface RetentionSettingsTable {
  kind: string;
  /** Null: kept forever. */
  days: number | null;
  updated_at: Int64;
}

/** Added by migration 0022. `scopes` is JSON text (an array of scope names). */
export interface ApiTokensTable {
  id: string;
  name: string;
  secret_hash: string;
  scopes: JsonText;
  created_by: string;
  created_at: Int64;
  expires_at: ColumnType<number | string | bigint | null, number | null, number | null>;
  last_used_at: ColumnType<number | string | bigint | null, number | null | undefined, number | null>;
  revoked_at: ColumnType<number | string | bigint | null, number | null | undefined, number | null>;
}

/** A nullable epoch or counter column: read as number or string (pg int8), written as a number or null. */
type NullableInt64 = ColumnType<number | string | bigint | null, number | null | undefined, number | null>;

/** Added by migration 0023: the endpoints webhooks are sent to. */
export interface WebhookEndpointsTable {
  id: string;
  url: string;
  description: string;
  /** JSON array of event types. */
  events: JsonText;
  enabled: Flag;
  disabled_reason: string | null;
  failing_since: NullableInt64;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: NullableInt64;
  created_at: Int64;
  updated_at: Int64;
}

/** Added by migration 0023: the webhook outbox, one row per event and endpoint. */
export interface WebhookDeliveriesTable {
  id: string;
  endpoint_id: string;
  event_key: string;
  event_type: string;
  payload: JsonText;
  visitor_id: string | null;
  customer_id: string | null;
  status: string;
  attempts: ColumnType<number | string | bigint, number, number>;
  created_at: Int64;
  next_attempt_at: NullableInt64;
  last_attempt_at: NullableInt64;
  last_status: NullableInt64;
  last_error: string | null;
  finished_at: NullableInt64;
  lease_owner: string | null;
  lease_expires_at: NullableInt64;
}

/** Added by migration 0032: each attempt of a webhook delivery. */
export interface WebhookAttemptsTable {
  delivery_id: string;
  attempt: ColumnType<number | string | bigint, number, number>;
  started_at: Int64;
  duration_ms: ColumnType<number | string | bigint, number, number>;
  status: NullableInt64;
  error: string | null;
  response: string | null;
  node: string;
}

/** Added by migration 0024. */
export interface FilesTable {
  id: string;
  conversation_id: string;
  uploader: string;
  uploader_id: string;
  client_id: string;
  name: string;
  content_type: string;
  size: Int64;
  width: number | null;
  height: number | null;
  message_id: string | null;
  /** Added by migration 0034: the antivirus signature that quarantined the file. */
  quarantined_signature: string | null;
  created_at: Int64;
}

/** Added by migration 0024: file bytes kept in the database (the SQL blob store). */
export interface FileBlobsTable {
  key: string;
  data: Uint8Array;
  created_at: Int64;
}

/** Added by migration 0030: mail waiting to be sent; `recipient` is null once sent or given up. */
export interface MailOutboxTable {
  id: string;
  kind: string;
  visitor_id: string;
  conversation_id: string;
  recipient: string | null;
  language: string;
  time_zone: string | null;
  /** `pending`, `sent` or `failed`. */
  status: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Int64;
  claimed_by: string | null;
  claimed_until: ColumnType<number | string | bigint | null, number | null | undefined, number | null>;
  created_at: Int64;
  /** Added by migration 0033: a mail written when asked for (not a transcript); null once sent or given up. */
  subject: ColumnType<string | null, string | null | undefined, string | null>;
  body_text: ColumnType<string | null, string | null | undefined, string | null>;
  body_html: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Added by migration 0031: one acceptance model per widget (weights and counts, nothing per visitor). */
export interface AcceptanceModelsTable {
  widget_id: string;
  /** JSON: outcome counts and the weights as base64 float32. */
  model: JsonText;
  /** Bumped by every write: a node writes only over the version it read. */
  version: number;
  updated_at: Int64;
}
