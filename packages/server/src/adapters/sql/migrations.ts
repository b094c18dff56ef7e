// Over 300 lines: the schema's history, one migration after another in order of application, never edited.
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { acceptanceModels } from './acceptance-models-migration.ts';
import { accountStatus } from './account-status-migration.ts';
import { agentInvitations } from './agent-invitations-migration.ts';
import { apiTokens } from './api-tokens-migration.ts';
import { conversationVersion } from './conversation-version-migration.ts';
import { fileQuarantine } from './file-quarantine-migration.ts';
import { files } from './files-migration.ts';
import { funnelDaily } from './funnel-daily-migration.ts';
import { identityClaims } from './identity-claims-migration.ts';
import { installationSecrets } from './installation-secrets-migration.ts';
import { invitationLook } from './invitation-look-migration.ts';
import { leftMessages } from './left-messages-migration.ts';
import { mailOutboxContent } from './mail-outbox-content-migration.ts';
import { mailOutbox } from './mail-outbox-migration.ts';
import { objectiveEvents } from './objective-events-migration.ts';
import { offerFunction } from './offer-function-migration.ts';
import { privacy } from './privacy-migration.ts';
import { singleSignOn } from './single-sign-on-migration.ts';
import { singleSignOnSettings } from './single-sign-on-settings-migration.ts';
import { smartSplit } from './smart-split-migration.ts';
import { sneakPeek } from './sneak-peek-migration.ts';
import { urlParamDenyList } from './url-param-deny-list-migration.ts';
import { visitorCredentials } from './visitor-credentials.migration.ts';
import { webhookAttempts } from './webhook-attempts-migration.ts';
import { webhooks } from './webhooks-migration.ts';

/**
 * Dialect-neutral migrations, shared by the SQLite and PostgreSQL adapters: only the schema builder and types
 * both engines understand (`text`, `integer`, `bigint`), booleans as 0/1, JSON as text.
 *
 * Foreign keys are declared only where a row cannot exist without its owner (a session without its user, a
 * message without its conversation). References that are history or configuration (an invitation's rule, a
 * conversation's agent or queue) are plain columns: deleting a rule must not rewrite past invitations.
 *
 * Never edit a migration once released; add a new one. Names sort in order of application.
 */

// Migrations receive a database of unknown shape: they run against whatever schema version is there.
type AnyDb = Kysely<unknown>;

const initial: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('users_email_unique').on('users').column('email').unique().execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('presence')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('queues')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('queue_members')
      .addColumn('queue_id', 'text', (c) => c.notNull().references('queues.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('queue_members_pk', ['queue_id', 'user_id'])
      .execute();
    await db.schema.createIndex('queue_members_user_id').on('queue_members').column('user_id').execute();

    await db.schema
      .createTable('widgets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('color', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('proactive_enabled', 'integer', (c) => c.notNull())
      .addColumn('allowed_origins', 'text', (c) => c.notNull())
      .addColumn('queue_id', 'text', (c) => c.notNull())
      .addColumn('offer_timeout_seconds', 'integer', (c) => c.notNull())
      .addColumn('prechat_fields', 'text', (c) => c.notNull())
      .addColumn('identity_algorithm', 'text', (c) => c.notNull())
      .addColumn('identity_issuer', 'text')
      .addColumn('identity_secret', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('widgets_key_unique').on('widgets').column('key').unique().execute();

    await db.schema
      .createTable('rules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('widget_id', 'text', (c) => c.notNull().references('widgets.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('priority', 'integer', (c) => c.notNull())
      .addColumn('conditions', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('show_prechat', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rules_widget_id').on('rules').columns(['widget_id', 'id']).execute();

    await db.schema
      .createTable('visitors')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('widget_id', 'text', (c) => c.notNull().references('widgets.id').onDelete('cascade'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .addColumn('visit_count', 'integer', (c) => c.notNull())
      .addColumn('visit_started_at', 'bigint', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('customer_id', 'text')
      .execute();
    await db.schema.createIndex('visitors_widget_id').on('visitors').column('widget_id').execute();

    await db.schema
      .createTable('page_views')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id').onDelete('cascade'))
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('referrer', 'text')
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('page_views_visitor_at')
      .on('page_views')
      .columns(['visitor_id', 'at'])
      .execute();

    await db.schema
      .createTable('invitations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('widget_id', 'text', (c) => c.notNull().references('widgets.id').onDelete('cascade'))
      .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id').onDelete('cascade'))
      .addColumn('rule_id', 'text')
      .addColumn('rule_name', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('show_prechat', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('closed_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('invitations_visitor_status')
      .on('invitations')
      .columns(['visitor_id', 'status', 'created_at'])
      .execute();
    await db.schema
      .createIndex('invitations_status_expires')
      .on('invitations')
      .columns(['status', 'expires_at'])
      .execute();

    await db.schema
      .createTable('conversations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('widget_id', 'text', (c) => c.notNull().references('widgets.id').onDelete('cascade'))
      .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id').onDelete('cascade'))
      .addColumn('queue_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('agent_id', 'text')
      .addColumn('invitation_id', 'text')
      .addColumn('context', 'text', (c) => c.notNull())
      .addColumn('customer', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('accepted_at', 'bigint')
      .addColumn('ended_at', 'bigint')
      .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex('conversations_visitor_status')
      .on('conversations')
      .columns(['visitor_id', 'status', 'created_at'])
      .execute();
    await db.schema
      .createIndex('conversations_agent_status')
      .on('conversations')
      .columns(['agent_id', 'status', 'created_at'])
      .execute();
    await db.schema
      .createIndex('conversations_queue_status')
      .on('conversations')
      .columns(['queue_id', 'status', 'created_at'])
      .execute();

    await db.schema
      .createTable('messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('conversation_id', 'text', (c) =>
        c.notNull().references('conversations.id').onDelete('cascade'),
      )
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('author_name', 'text')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('client_msg_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('messages_conversation_seq_unique')
      .on('messages')
      .columns(['conversation_id', 'seq'])
      .unique()
      .execute();
    await db.schema
      .createIndex('messages_client_msg_id_unique')
      .on('messages')
      .columns(['conversation_id', 'author', 'client_msg_id'])
      .unique()
      .where(sql.ref('client_msg_id'), 'is not', null)
      .execute();

    await db.schema
      .createTable('offers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('conversation_id', 'text', (c) =>
        c.notNull().references('conversations.id').onDelete('cascade'),
      )
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('closed_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('offers_conversation')
      .on('offers')
      .columns(['conversation_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('offers_agent_status')
      .on('offers')
      .columns(['agent_id', 'status', 'created_at'])
      .execute();
    await db.schema
      .createIndex('offers_status_expires')
      .on('offers')
      .columns(['status', 'expires_at'])
      .execute();

    await db.schema
      .createTable('customers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('company', 'text')
      .addColumn('external_id', 'text')
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    // Expression index: email lookups compare lower(email), and the record keeps the address as entered.
    await db.schema
      .createIndex('customers_email_lower')
      .on('customers')
      .expression(sql`lower(email)`)
      .execute();
    await db.schema.createIndex('customers_phone').on('customers').column('phone').execute();
    await db.schema.createIndex('customers_name').on('customers').column('name').execute();
    await db.schema.createIndex('customers_external_id').on('customers').column('external_id').execute();
  },

  async down(db: AnyDb) {
    const tables = [
      'customers',
      'offers',
      'messages',
      'conversations',
      'invitations',
      'page_views',
      'visitors',
      'rules',
      'widgets',
      'queue_members',
      'queues',
      'presence',
      'sessions',
      'users',
    ];
    for (const table of tables) await db.schema.dropTable(table).ifExists().execute();
  },
};

/**
 * Proactive controls: per-rule caps (JSON, null = once per visit) and the widget's fatigue budget and dismissal
 * back-off. One column per ALTER: SQLite accepts a single ADD COLUMN per statement. The defaults give existing
 * widgets the same budget a new widget gets.
 */
const proactiveControls: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('rules').addColumn('caps', 'text').execute();
    await db.schema
      .alterTable('widgets')
      .addColumn('fatigue_per_visit', 'integer', (c) => c.notNull().defaultTo(2))
      .execute();
    await db.schema
      .alterTable('widgets')
      .addColumn('fatigue_per_week', 'integer', (c) => c.notNull().defaultTo(3))
      .execute();
    await db.schema
      .alterTable('widgets')
      .addColumn('dismiss_backoff_minutes', 'integer', (c) => c.notNull().defaultTo(24 * 60))
      .execute();
    await db.schema
      .createIndex('invitations_visitor_created')
      .on('invitations')
      .columns(['visitor_id', 'created_at'])
      .execute();
  },

  async down(db: AnyDb) {
    await db.schema.dropIndex('invitations_visitor_created').ifExists().execute();
    for (const column of ['dismiss_backoff_minutes', 'fatigue_per_week', 'fatigue_per_visit']) {
      await db.schema.alterTable('widgets').dropColumn(column).execute();
    }
    await db.schema.alterTable('rules').dropColumn('caps').execute();
  },
};

/** Routing: per-agent capacity. The default gives existing users what routing used before (3). */
const agentCapacity: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .alterTable('users')
      .addColumn('capacity', 'integer', (c) => c.notNull().defaultTo(3))
      .execute();
  },

  async down(db: AnyDb) {
    await db.schema.alterTable('users').dropColumn('capacity').execute();
  },
};

/** Rule lifecycle: A/B split and holdout, draft / published rules, rule version history. */
const ruleLifecycle: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .alterTable('rules')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('published'))
      .execute();
    await db.schema.alterTable('rules').addColumn('split', 'text').execute();
    await db.schema.alterTable('invitations').addColumn('variant', 'text').execute();
    await db.schema
      .createTable('rule_versions')
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('widget_id', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('rule', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('rule_versions_pk', ['rule_id', 'version'])
      .execute();
    await db.schema
      .createTable('rule_previews')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('widget_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('rule_daily_stats')
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('widget_id', 'text', (c) => c.notNull())
      .addColumn('evaluated', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('rule_daily_stats_pk', ['rule_id', 'day'])
      .execute();
    await db.schema
      .createIndex('conversations_widget_created')
      .on('conversations')
      .columns(['widget_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('invitations_widget_created')
      .on('invitations')
      .columns(['widget_id', 'created_at'])
      .execute();
  },

  async down(db: AnyDb) {
    await db.schema.dropIndex('invitations_widget_created').ifExists().execute();
    await db.schema.dropIndex('conversations_widget_created').ifExists().execute();
    await db.schema.dropTable('rule_daily_stats').ifExists().execute();
    await db.schema.dropTable('rule_previews').ifExists().execute();
    await db.schema.dropTable('rule_versions').ifExists().execute();
    await db.schema.alterTable('invitations').dropColumn('variant').execute();
    await db.schema.alterTable('rules').dropColumn('split').execute();
    await db.schema.alterTable('rules').dropColumn('status').execute();
  },
};

/**
 * Queues: routing settings per queue, the round-robin memory per member (in the database so every
 * node rotates the same way), the queue a rule's chats go to, wrap-ups of ended conversations, quick replies, read receipts.
 */
const queues: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .alterTable('queues')
      .addColumn('assignment_method', 'text', (c) => c.notNull().defaultTo('most-free'))
      .execute();
    await db.schema.alterTable('queues').addColumn('offer_timeout_seconds', 'integer').execute();
    await db.schema
      .alterTable('queues')
      .addColumn('auto_assign', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('queue_members').addColumn('last_offered_at', 'bigint').execute();
    await db.schema.alterTable('rules').addColumn('queue_id', 'text').execute();
    await db.schema
      .createTable('wrap_ups')
      .addColumn('conversation_id', 'text', (c) => c.primaryKey())
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('conversations_agent_status_ended')
      .on('conversations')
      .columns(['agent_id', 'status', 'ended_at'])
      .execute();
    await db.schema.createIndex('invitations_created').on('invitations').column('created_at').execute();
    await db.schema
      .createTable('quick_replies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('receipts')
      .addColumn('conversation_id', 'text', (c) => c.primaryKey())
      .addColumn('delivered_seq', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('read_seq', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
  },

  async down(db: AnyDb) {
    await db.schema.dropTable('receipts').ifExists().execute();
    await db.schema.dropTable('quick_replies').ifExists().execute();
    await db.schema.dropIndex('invitations_created').ifExists().execute();
    await db.schema.dropIndex('conversations_agent_status_ended').ifExists().execute();
    await db.schema.dropTable('wrap_ups').ifExists().execute();
    await db.schema.alterTable('rules').dropColumn('queue_id').execute();
    await db.schema.alterTable('queue_members').dropColumn('last_offered_at').execute();
    for (const column of ['auto_assign', 'offer_timeout_seconds', 'assignment_method']) {
      await db.schema.alterTable('queues').dropColumn(column).execute();
    }
  },
};

/**
 * Widget: consent mode and operating hours on the widget, and the post-chat survey (one per
 * conversation, so the conversation id is the key and a second answer cannot overwrite the first).
 */
const widgetSurveys: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .alterTable('widgets')
      .addColumn('consent_required', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('widgets').addColumn('operating_hours', 'text').execute();
    await db.schema
      .createTable('chat_surveys')
      .addColumn('conversation_id', 'text', (c) => c.primaryKey().references('conversations.id'))
      .addColumn('rating', 'integer', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
  },

  async down(db: AnyDb) {
    await db.schema.dropTable('chat_surveys').ifExists().execute();
    await db.schema.alterTable('widgets').dropColumn('operating_hours').execute();
    await db.schema.alterTable('widgets').dropColumn('consent_required').execute();
  },
};

/**
 * Scale-out liveness: each node's heartbeat, and which agents have a console socket on which node, so the
 * agents of a node that died stop being offered work until they reconnect elsewhere.
 */
const nodes: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('nodes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('heartbeat_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('agent_connections')
      // No foreign key: a node whose row was reaped while it stalled re-registers its sockets on its next beat.
      .addColumn('node_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('agent_connections_pk', ['node_id', 'user_id'])
      .execute();
    await db.schema
      .createIndex('agent_connections_user_id')
      .on('agent_connections')
      .column('user_id')
      .execute();
  },

  async down(db: AnyDb) {
    await db.schema.dropTable('agent_connections').ifExists().execute();
    await db.schema.dropTable('nodes').ifExists().execute();
  },
};

/**
 * Once-only across nodes: at most one pending offer per conversation and one shown invitation per visitor,
 * enforced by unique partial indexes (so two nodes deciding at once cannot both write one); the missed-offer
 * count behind presence Inactive kept per agent in the store; which nodes hold a visitor's sockets and since
 * when the visitor has had none, so the visitor-gone close is decided from the store by any node's sweep.
 */
const onceOnly: Migration = {
  async up(db: AnyDb) {
    // Rows written before the indexes existed may break them: keep the oldest, close the rest.
    await sql`update offers set status = 'withdrawn', closed_at = created_at
      where status = 'pending' and id not in (
        select min(id) from offers where status = 'pending' group by conversation_id)`.execute(db);
    await sql`create unique index offers_one_pending on offers (conversation_id) where status = 'pending'`.execute(
      db,
    );
    await sql`update invitations set status = 'expired', closed_at = created_at
      where status = 'shown' and id not in (
        select min(id) from invitations where status = 'shown' group by visitor_id)`.execute(db);
    await sql`create unique index invitations_one_shown on invitations (visitor_id) where status = 'shown'`.execute(
      db,
    );
    await db.schema
      .alterTable('users')
      .addColumn('missed_offers', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable('visitor_connections')
      // No foreign key, as agent_connections: a reaped node puts its sockets back on its next beat.
      .addColumn('node_id', 'text', (c) => c.notNull())
      .addColumn('visitor_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('visitor_connections_pk', ['node_id', 'visitor_id'])
      .execute();
    await db.schema
      .createIndex('visitor_connections_visitor_id')
      .on('visitor_connections')
      .column('visitor_id')
      .execute();
    // When the visitor's last socket anywhere closed; null while one is open (or never connected).
    await db.schema.alterTable('visitors').addColumn('gone_since', 'bigint').execute();
  },

  async down(db: AnyDb) {
    await db.schema.alterTable('visitors').dropColumn('gone_since').execute();
    await db.schema.dropTable('visitor_connections').ifExists().execute();
    await db.schema.alterTable('users').dropColumn('missed_offers').execute();
    await sql`drop index if exists invitations_one_shown`.execute(db);
    await sql`drop index if exists offers_one_pending`.execute(db);
  },
};

/**
 * `Beckon.track()` events of each visit, in the store: a visitor's next page on a multi-page site (a new socket),
 * a reload, or a tab reconnecting to another node starts from the visit's events instead of none.
 */
const visitEvents: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('visit_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id').onDelete('cascade'))
      .addColumn('visit_started_at', 'bigint', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('props', 'text')
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('visit_events_visit_at')
      .on('visit_events')
      .columns(['visitor_id', 'visit_started_at', 'at'])
      .execute();
  },

  async down(db: AnyDb) {
    await db.schema.dropTable('visit_events').ifExists().execute();
  },
};

/** Read marks the other way: how far the assigned agent has read the visitor's messages. */
const agentReadMarks: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .alterTable('receipts')
      .addColumn('agent_read_seq', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
  },

  async down(db: AnyDb) {
    await db.schema.alterTable('receipts').dropColumn('agent_read_seq').execute();
  },
};

/**
 * One open (`waiting` or `active`) conversation per visitor, enforced by a unique partial index as offers and
 * invitations are: two tabs (or two nodes) starting a chat at once get the same conversation. Duplicates written
 * before the index are closed first: the visitor keeps the one an agent has (else the newest), the others end,
 * at their acceptance (or creation) so no handling time is invented, and their pending offers are withdrawn.
 */
const oneOpenConversation: Migration = {
  async up(db: AnyDb) {
    const duplicate = sql`status in ('waiting', 'active') and id <> (
      select kept.id from conversations kept
      where kept.visitor_id = conversations.visitor_id and kept.status in ('waiting', 'active')
      order by case when kept.status = 'active' then 0 else 1 end, kept.created_at desc, kept.id desc
      limit 1)`;
    await sql`update offers set status = 'withdrawn', closed_at = created_at
      where status = 'pending' and conversation_id in (
        select id from conversations where ${duplicate})`.execute(db);
    await sql`update conversations set status = 'ended', ended_at = coalesce(accepted_at, created_at)
      where ${duplicate}`.execute(db);
    await sql`create unique index conversations_one_open on conversations (visitor_id)
      where status in ('waiting', 'active')`.execute(db);
  },

  async down(db: AnyDb) {
    await sql`drop index if exists conversations_one_open`.execute(db);
  },
};

export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_proactive_controls': proactiveControls,
  '0003_agent_capacity': agentCapacity,
  '0004_rule_lifecycle': ruleLifecycle,
  '0005_queues': queues,
  '0006_widget_surveys': widgetSurveys,
  '0007_nodes': nodes,
  '0009_once_only': onceOnly,
  '0010_visit_events': visitEvents,
  '0011_agent_read_marks': agentReadMarks,
  '0012_one_open_conversation': oneOpenConversation,
  '0013_visitor_credentials': visitorCredentials,
  '0014_accounts': accountStatus,
  '0015_privacy': privacy,
  '0016_identity_claims': identityClaims,
  '0017_invitation_look': invitationLook,
  '0018_funnel_daily': funnelDaily,
  '0019_url_param_deny_list': urlParamDenyList,
  '0020_left_messages': leftMessages,
  '0021_agent_invitations': agentInvitations,
  '0022_api_tokens': apiTokens,
  '0023_webhooks': webhooks,
  '0024_files': files,
  '0025_sneak_peek': sneakPeek,
  '0026_single_sign_on': singleSignOn,
  '0028_objective_events': objectiveEvents,
  '0030_mail_outbox': mailOutbox,
  '0031_acceptance_models': acceptanceModels,
  '0032_webhook_attempts': webhookAttempts,
  '0033_mail_outbox_content': mailOutboxContent,
  '0034_file_quarantine': fileQuarantine,
  '0035_installation_secrets': installationSecrets,
  '0036_smart_split': smartSplit,
  '0037_single_sign_on_settings': singleSignOnSettings,
  '0038_offer_function': offerFunction,
  '0039_conversation_version': conversationVersion,
};

/** Migrations compiled into the program: no files to ship or find at runtime. */
export const inCodeMigrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};

/**
 * Applies every pending migration. Safe to call on every start and from several nodes at once: Kysely's
 * Migrator takes a lock (a lock row on SQLite, an advisory lock on PostgreSQL) and skips what is applied.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<void> {
  const migrator = new Migrator({ db, provider: inCodeMigrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `database migration ${failed} failed: ${error instanceof Error ? error.message : error}`,
      {
        cause: error,
      },
    );
  }
}
