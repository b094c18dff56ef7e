import type { ChatMessage } from '@beckon/protocol';
import type pg from 'pg';
import type {
  Acceptance,
  NewMessage,
  NewVisitorMessage,
  OfferRow,
  PageViewRow,
  RuleCheckReads,
  RuleRow,
  VisitorMessageAppended,
  VisitorRow,
  WidgetRow,
} from '../../ports/store.ts';
import { openMigrated, SqlStore } from '../sql/sql-store.ts';
import { acceptOfferOnce } from './accept-offer.ts';
import { BatchedAppends } from './batched-appends.ts';
import { assignOnce, createOfferOnce } from './capacity-once.ts';
import { openPostgres, type PostgresConnection, type PostgresOptions } from './connection.ts';
import { recordPageViewOnce } from './page-view-statement.ts';
import { RuleCheckReader } from './rule-check-reads.ts';

/**
 * The scale-out store: a `pg` connection pool behind Kysely, shared by any number of nodes. It runs the same
 * query modules and migrations as SQLite. Concurrency comes from PostgreSQL itself: a message's seq is allocated
 * under the conversation's row lock (`UPDATE … RETURNING` feeding the insert), and once-only decisions are
 * conditional UPDATEs that exactly one node sees succeed.
 *
 * Messages are group-committed (`BatchedAppends`): the appends of one event-loop turn, a visitor's open
 * conversation looked up with each, go to the server as one statement, where the shared path takes a read and
 * a transaction of four statements per message.
 *
 * Accepting an offer is one statement (`acceptOfferOnce`), and the capacity-checked offer and auto-assignment
 * one round trip each (`capacity-once.ts`). A page view is one statement (`page-view-statement.ts`), and a rule
 * check's reads another (`RuleCheckReader`).
 */
export class PostgresStore extends SqlStore {
  private readonly pool: pg.Pool;
  private readonly appends: BatchedAppends;
  private readonly ruleChecks: RuleCheckReader;

  constructor(connection: PostgresConnection) {
    super(connection.db);
    this.pool = connection.pool;
    this.appends = new BatchedAppends(connection.pool);
    this.ruleChecks = new RuleCheckReader(connection.pool, (visitorId, since) =>
      this.listInvitations(visitorId, since),
    );
  }

  override recordPageView(view: PageViewRow, visitor?: VisitorRow): Promise<void> {
    return recordPageViewOnce(this.pool, view, visitor);
  }

  override readRuleCheck(
    widgetId: string,
    visitorId: string,
    since: (widget: WidgetRow, rules: readonly RuleRow[]) => number,
  ): Promise<RuleCheckReads> {
    return this.ruleChecks.read(widgetId, visitorId, since);
  }

  override appendMessage(message: NewMessage): Promise<ChatMessage> {
    return this.appends.appendMessage(message);
  }

  override appendVisitorMessage(message: NewVisitorMessage): Promise<VisitorMessageAppended | undefined> {
    return this.appends.appendVisitorMessage(message);
  }

  override createOfferWithinCapacity(offer: OfferRow, queueId?: string): Promise<boolean> {
    return createOfferOnce(this.pool, offer, queueId);
  }

  override assignConversationWithinCapacity(id: string, agentId: string, at: number): Promise<boolean> {
    return assignOnce(this.pool, id, agentId, at);
  }

  override acceptOffer(id: string, at: number, agentId?: string): Promise<Acceptance> {
    return acceptOfferOnce(this.pool, id, at, agentId);
  }
}

/**
 * Connects and applies pending migrations (Kysely's Migrator holds an advisory lock, so nodes starting together
 * migrate once). Fails, leaving no pool open, when the server cannot be reached.
 */
export async function createPostgresStore(options: PostgresOptions): Promise<PostgresStore> {
  return openMigrated(new PostgresStore(openPostgres(options)));
}
