import type { ChatMessage } from '@beckon/protocol';
import type pg from 'pg';
import type {
  Acceptance,
  MessagesWithReceipts,
  NewMessage,
  NewVisitorMessage,
  OfferRow,
  PageViewRow,
  QueueMemberLoad,
  QueueStanding,
  RoutingState,
  RuleCheckReads,
  RuleRow,
  VisitJourney,
  VisitorMessageAppended,
  VisitorRow,
  WidgetRow,
} from '../../ports/store.ts';
import { widgetFromRow } from '../sql/mappers.ts';
import { SqlConversations } from '../sql/queries/conversations.ts';
import { messagesWithReceiptsFromRows, messagesWithReceiptsQuery } from '../sql/queries/messages.ts';
import { routingStateFromRows, routingStateQuery } from '../sql/queries/offers.ts';
import {
  availableMemberQuery,
  memberLoadsFromRows,
  memberLoadsQuery,
  queueStandingFromRows,
  queueStandingQuery,
} from '../sql/queries/queues.ts';
import { widgetQuery } from '../sql/queries/widgets.ts';
import { openMigrated, SqlStore, sqlParts } from '../sql/sql-store.ts';
import { acceptOfferOnce } from './accept-offer.ts';
import { BatchedAppends } from './batched-appends.ts';
import { assignOnce, createOfferOnce } from './capacity-once.ts';
import { openPostgres, type PostgresConnection, type PostgresOptions } from './connection.ts';
import { preparedInsertOpenConversation } from './open-conversation-insert.ts';
import { recordPageViewOnce } from './page-view-statement.ts';
import { PreparedQuery } from './prepared-query.ts';
import { RuleCheckReader } from './rule-check-reads.ts';
import { readVisitJourney } from './visit-journey.ts';

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
 * one round trip each (`capacity-once.ts`). A page view is one statement (`page-view-statement.ts`), a rule
 * check's reads another (`RuleCheckReader`), and the visit's journey for a chat's snapshot another
 * (`visit-journey.ts`). Routing's reads on every opened conversation (the routing state, the
 * member loads, the queue's standing, whether a member is available), the agent's first view of it (messages
 * with receipts), and the widget read and conversation insert of every `chat.start` (the insert in
 * `open-conversation-insert.ts`) are the shared path's queries prepared once (`PreparedQuery`).
 */
export class PostgresStore extends SqlStore {
  private readonly pool: pg.Pool;
  private readonly appends: BatchedAppends;
  private readonly ruleChecks: RuleCheckReader;
  private readonly routingState: PreparedQuery<[string], Parameters<typeof routingStateFromRows>[0][number]>;
  private readonly memberLoads: PreparedQuery<[string], Parameters<typeof memberLoadsFromRows>[0][number]>;
  private readonly availableMember: PreparedQuery<[string], { user_id: string }>;
  private readonly messagesWithReceipts: PreparedQuery<
    [string],
    Parameters<typeof messagesWithReceiptsFromRows>[0][number]
  >;
  private readonly queueStanding: PreparedQuery<
    [string, number],
    Parameters<typeof queueStandingFromRows>[0][number]
  >;

  private readonly widget: PreparedQuery<[string], Parameters<typeof widgetFromRow>[0]>;

  constructor(connection: PostgresConnection) {
    const { db, pool } = connection;
    const conversations = new SqlConversations(db, preparedInsertOpenConversation(connection));
    super(db, sqlParts(db, { conversations }));
    this.pool = pool;
    this.widget = new PreparedQuery(pool, 'beckon_widget_1', 1, (id: string) => widgetQuery(db, id));
    this.routingState = new PreparedQuery(pool, 'beckon_routing_state_1', 1, (id: string) =>
      routingStateQuery(db, id),
    );
    this.memberLoads = new PreparedQuery(pool, 'beckon_member_loads_1', 1, (queueId: string) =>
      memberLoadsQuery(db, queueId),
    );
    this.availableMember = new PreparedQuery(pool, 'beckon_available_member_1', 1, (queueId: string) =>
      availableMemberQuery(db, queueId),
    );
    this.messagesWithReceipts = new PreparedQuery(pool, 'beckon_messages_receipts_1', 1, (id: string) =>
      messagesWithReceiptsQuery(db, id),
    );
    this.queueStanding = new PreparedQuery(
      pool,
      'beckon_queue_standing_1',
      2,
      (queueId: string, sample: number) => queueStandingQuery(db, queueId, sample),
    );
    this.appends = new BatchedAppends(connection.pool);
    this.ruleChecks = new RuleCheckReader(connection.pool, (visitorId, since) =>
      this.listInvitations(visitorId, since),
    );
  }

  override async getWidget(id: string): Promise<WidgetRow | undefined> {
    const [row] = await this.widget.rows(id);
    return row && widgetFromRow(row);
  }

  override async getRoutingState(conversationId: string): Promise<RoutingState | undefined> {
    return routingStateFromRows(await this.routingState.rows(conversationId));
  }

  override async listQueueMemberLoads(queueId: string): Promise<QueueMemberLoad[]> {
    return memberLoadsFromRows(await this.memberLoads.rows(queueId));
  }

  override async hasAvailableMember(queueId: string): Promise<boolean> {
    return (await this.availableMember.rows(queueId)).length > 0;
  }

  override async getQueueStanding(
    queueId: string,
    handledSample: number,
  ): Promise<QueueStanding | undefined> {
    return queueStandingFromRows(await this.queueStanding.rows(queueId, handledSample));
  }

  override async listMessagesWithReceipts(conversationId: string): Promise<MessagesWithReceipts> {
    return messagesWithReceiptsFromRows(await this.messagesWithReceipts.rows(conversationId), () =>
      this.getReceipts(conversationId),
    );
  }

  override getVisitJourney(
    visitorId: string,
    visitStartedAt: number,
    eventLimit: number,
  ): Promise<VisitJourney> {
    return readVisitJourney(this.pool, visitorId, visitStartedAt, eventLimit);
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

  override acceptOffer(id: string, at: number, agentId?: string, joinedText?: string): Promise<Acceptance> {
    return acceptOfferOnce(this.pool, id, at, agentId, joinedText);
  }
}

/**
 * Connects and applies pending migrations (Kysely's Migrator holds an advisory lock, so nodes starting together
 * migrate once). Fails, leaving no pool open, when the server cannot be reached.
 */
export async function createPostgresStore(options: PostgresOptions): Promise<PostgresStore> {
  return openMigrated(new PostgresStore(openPostgres(options)));
}
