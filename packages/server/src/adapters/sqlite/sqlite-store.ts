// Over 300 lines: the one connection and every path that runs statements on it outside Kysely (relay, page views,
// arrivals), each with its durability.
import type { ChatMessage } from '@beckon/protocol';
import { sql } from 'kysely';
import type {
  ConversationRow,
  InvitationRow,
  InvitationStatus,
  NewMessage,
  NewVisitorMessage,
  PageViewRow,
  RuleRow,
  VisitEventRow,
  VisitJourney,
  VisitorMessageAppended,
  VisitorRow,
  WidgetRow,
} from '../../ports/store.ts';
import { MessageBatcher, senderKey } from '../sql/message-batch.ts';
import { SqlJourneys } from '../sql/queries/journeys.ts';
import type { Db } from '../sql/schema.ts';
import { openMigrated, SqlStore } from '../sql/sql-store.ts';
import { BackgroundCheckpointer, DEFAULT_WAL_BOUND, type WalBound } from './checkpointer.ts';
import { connectSqlite, type SqliteConnection, type SqliteOptions } from './connection.ts';
import {
  type BatchEntry,
  type BatchOutcome,
  HotStatements,
  type MissingConversation,
} from './hot-statements.ts';
import { SynchronousMode } from './synchronous-mode.ts';
import { VisitorStatements } from './visitor-statements.ts';
import { WalSync } from './wal-sync.ts';

/** `synchronous = NORMAL` as SQLite numbers it. */
const normal = 1;

/** Message batches committed and waiting for their log flush at once. */
const batchesInFlight = 4;

/** How the store makes commits durable (file databases; `:memory:` has no log to flush). */
export interface Durability {
  /** The write-ahead log, flushed off the event loop after the hot paths' commits (`WalSync`). */
  walPath?: string;
  /** Acknowledged messages wait for the log flush (`synchronous = full`); false: they do not (`normal`). */
  messagesWait: boolean;
}

/**
 * The embedded store: one better-sqlite3 connection behind Kysely. Kysely's SQLite driver hands the connection
 * to one query or transaction at a time, which is what makes seq allocation and conditional writes safe here.
 * Messages are group-committed (`MessageBatcher`): one durable commit for the messages of one event-loop turn.
 * The relay's hot queries (the batch, the open conversation) run as statements prepared once (`HotStatements`);
 * a visitor's message reads their open conversation inside the batch's transaction (`appendVisitorMessage`).
 * A visitor's hello and the rule check's widget and rules run as statements prepared once too (`VisitorStatements`).
 */
export class SqliteStore extends SqlStore {
  private readonly hot: HotStatements;
  private readonly arrivals: VisitorStatements;
  private readonly batcher: MessageBatcher<BatchEntry, BatchOutcome>;
  private readonly database: SqliteConnection['database'];
  private readonly wal: WalSync | undefined;
  private readonly messagesWait: boolean;
  private readonly synchronous: SynchronousMode;
  /** Errors of background log flushes (telemetry does not wait for them); logged by the app. */
  onBackgroundError: (error: unknown) => void = () => {};

  constructor(connection: SqliteConnection, durability: Durability = { messagesWait: true }) {
    super(connection.db);
    this.database = connection.database;
    this.wal = durability.walPath === undefined ? undefined : new WalSync(durability.walPath);
    this.messagesWait = durability.messagesWait;
    this.hot = new HotStatements(connection.database);
    this.arrivals = new VisitorStatements(connection.database);
    this.synchronous = new SynchronousMode(connection.database);
    this.batcher = new MessageBatcher<BatchEntry, BatchOutcome>(
      (entries) => this.appendBatch(entries),
      // Alone, outside the batch (never through it: the batch is the one waiting for this answer).
      (entry) =>
        entry.kind === 'message'
          ? this.parts.messages.appendMessage(entry.message)
          : this.appendVisitorMessageWith(entry.message, (m) => this.parts.messages.appendMessage(m)),
      {
        // One flush of the log per committed batch, before any of its messages is acknowledged (ADR 0003).
        durable: durability.messagesWait && this.wal ? () => (this.wal as WalSync).sync() : undefined,
        // The next turn's messages commit while the last batch waits for its flush.
        depth: batchesInFlight,
        key: senderKey,
      },
    );
  }

  private checkpointer: BackgroundCheckpointer | undefined;

  /**
   * Group-committed without blocking the event loop on the disk, then acknowledged once the log flush that
   * followed the commit is done: an acknowledged message is on disk (ADR 0003).
   */
  override appendMessage(message: NewMessage): Promise<ChatMessage> {
    return this.batcher.append({ kind: 'message', message }) as Promise<ChatMessage>;
  }

  /**
   * In the batch: the open conversation is read inside the transaction that appends the message (one
   * statement more in a transaction already open, not a read transaction of its own), then as `appendMessage`.
   */
  override appendVisitorMessage(message: NewVisitorMessage): Promise<VisitorMessageAppended | undefined> {
    return this.batcher.append({ kind: 'visitor', message }) as Promise<VisitorMessageAppended | undefined>;
  }

  // Journey and proactive telemetry: committed without waiting for the disk, flushed soon after (ADR 0003).
  override async recordPageView(view: PageViewRow, visitor?: VisitorRow): Promise<void> {
    await this.withConnection(() => this.relaxedSync(() => this.hot.recordPageView(view, visitor)));
    this.wal?.soon(this.onBackgroundError);
  }

  override async createInvitation(invitation: InvitationRow): Promise<boolean> {
    const created = await this.withConnection(() =>
      this.relaxedSync(() => this.hot.createInvitation(invitation)),
    );
    this.wal?.soon(this.onBackgroundError);
    return created;
  }

  override async closeInvitation(
    id: string,
    to: Exclude<InvitationStatus, 'shown'>,
    at: number,
  ): Promise<boolean> {
    const closed = await this.withConnection(() =>
      this.relaxedSync(() => this.hot.closeInvitation(id, to, at)),
    );
    this.wal?.soon(this.onBackgroundError);
    return closed;
  }

  // A visitor's arrival and departure: every visitor says hello again at once after a restart. Journey and
  // presence, committed without waiting for the disk; the secret, which the welcome hands out, waits for it.
  override createVisitor(visitor: VisitorRow): Promise<void> {
    return this.telemetry(() => this.arrivals.createVisitor(visitor));
  }

  override updateVisitor(visitor: VisitorRow): Promise<void> {
    return this.telemetry(() => this.arrivals.updateVisitor(visitor));
  }

  override async setVisitorSecretHash(visitorId: string, secretHash: string, at: number): Promise<boolean> {
    const stored = await this.telemetry(() => this.arrivals.setSecretHash(visitorId, secretHash, at));
    if (this.messagesWait) await this.wal?.sync();
    return stored;
  }

  override getVisitorSecretHash(visitorId: string): Promise<string | undefined> {
    return this.withConnection(() => this.arrivals.secretHash(visitorId));
  }

  override addVisitorConnection(nodeId: string, visitorId: string): Promise<void> {
    return this.telemetry(() => this.arrivals.addConnection(nodeId, visitorId));
  }

  override removeVisitorConnection(nodeId: string, visitorId: string, at: number): Promise<void> {
    return this.telemetry(() => this.arrivals.removeConnection(nodeId, visitorId, at));
  }

  override getWidgetByKey(key: string): Promise<WidgetRow | undefined> {
    return this.withConnection(() => this.arrivals.widgetByKey(key));
  }

  override listPageViews(visitorId: string, since: number): Promise<PageViewRow[]> {
    return this.withConnection(() => this.arrivals.pageViews(visitorId, since));
  }

  override lastPageViewBefore(visitorId: string, before: number): Promise<PageViewRow | undefined> {
    return this.withConnection(() => this.arrivals.lastPageViewBefore(visitorId, before));
  }

  override listVisitEvents(
    visitorId: string,
    visitStartedAt: number,
    limit: number,
  ): Promise<VisitEventRow[]> {
    return this.withConnection(() => this.arrivals.visitEvents(visitorId, visitStartedAt, limit));
  }

  override getVisitJourney(
    visitorId: string,
    visitStartedAt: number,
    eventLimit: number,
  ): Promise<VisitJourney> {
    return this.withConnection(() => ({
      pageViews: this.arrivals.pageViews(visitorId, visitStartedAt),
      events: eventLimit > 0 ? this.arrivals.visitEvents(visitorId, visitStartedAt, eventLimit) : [],
    }));
  }

  override getInvitation(id: string): Promise<InvitationRow | undefined> {
    return this.withConnection(() => this.hot.getInvitation(id));
  }

  override addVisitEvent(event: VisitEventRow): Promise<void> {
    return this.relaxed((db) => new SqlJourneys(db).addVisitEvent(event));
  }

  override findOpenConversation(visitorId: string): Promise<ConversationRow | undefined> {
    return this.withConnection(() => this.hot.findOpenConversation(visitorId));
  }

  // The page view's and the rule check's reads, once per page view and per due check of every visitor.
  override getVisitor(id: string): Promise<VisitorRow | undefined> {
    return this.withConnection(() => this.hot.getVisitor(id));
  }

  override getWidget(id: string): Promise<WidgetRow | undefined> {
    return this.withConnection(() => this.arrivals.widget(id));
  }

  override listRules(widgetId: string): Promise<RuleRow[]> {
    return this.withConnection(() => this.arrivals.listRules(widgetId));
  }

  override findShownInvitation(visitorId: string): Promise<InvitationRow | undefined> {
    return this.withConnection(() => this.hot.findShownInvitation(visitorId));
  }

  override listInvitations(visitorId: string, since: number): Promise<InvitationRow[]> {
    return this.withConnection(() => this.hot.listInvitations(visitorId, since));
  }

  /** The messages in one transaction (see `HotStatements.appendAll`). */
  protected appendBatch(entries: BatchEntry[]): Promise<(BatchOutcome | MissingConversation)[]> {
    return this.withConnection(() => this.relaxedSync(() => this.hot.appendAll(entries)));
  }

  /**
   * Runs synchronous statements on the raw connection, never between the statements of a Kysely transaction, so
   * they neither see its uncommitted writes nor end up inside it. With no transaction open on the connection they
   * run at once (they finish before anything else can start one: better-sqlite3 is synchronous); otherwise they
   * wait for Kysely's connection, which the transaction holds until it ends.
   */
  private withConnection<T>(run: () => T): Promise<T> {
    if (!this.database.inTransaction) {
      try {
        return Promise.resolve(run());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.db.connection().execute(async () => run());
  }

  /**
   * Runs `run`'s queries, alone on the connection, with `synchronous = NORMAL`: atomic, surviving a crash of the
   * process, but not waiting for the disk (an OS crash can lose them, never what a later durable commit
   * flushed). For proactive and journey telemetry only (ADR 0003); the mode is restored afterwards.
   */
  private async relaxed<T>(run: (db: Db) => Promise<T>): Promise<T> {
    const result = await this.db.connection().execute(async (db) => {
      const durable = this.relax();
      try {
        return await run(db);
      } finally {
        this.synchronous.set(durable);
      }
    });
    this.wal?.soon(this.onBackgroundError);
    return result;
  }

  /** Synchronous statements committed at `synchronous = NORMAL`, the log flushed soon after (not waited for). */
  private async telemetry<T>(run: () => T): Promise<T> {
    const result = await this.withConnection(() => this.relaxedSync(run));
    this.wal?.soon(this.onBackgroundError);
    return result;
  }

  /** `relaxed` for synchronous statements; the caller holds the connection (`withConnection`). */
  private relaxedSync<T>(run: () => T): T {
    const durable = this.relax();
    try {
      return run();
    } finally {
      this.synchronous.set(durable);
    }
  }

  /** Sets `synchronous = NORMAL`, returning the mode to restore. */
  private relax(): number {
    const durable = this.synchronous.get();
    this.synchronous.set(normal);
    return durable;
  }

  /** WAL checkpoints move to a worker thread (see `BackgroundCheckpointer`); file databases only. */
  async checkpointInBackground(file: string, bound: WalBound = DEFAULT_WAL_BOUND): Promise<void> {
    await sql`PRAGMA wal_autocheckpoint = 0`.execute(this.db);
    await sql.raw(`PRAGMA journal_size_limit = ${bound.sizeLimitBytes}`).execute(this.db);
    this.checkpointer = new BackgroundCheckpointer(
      file,
      () => {
        // Without the thread the log would grow without end: SQLite's own checkpoints take over again.
        this.checkpointer = undefined;
        void sql`PRAGMA wal_autocheckpoint = 1000`.execute(this.db).catch(() => {});
      },
      {
        pause: () => this.batcher.pause(),
        resume: () => this.batcher.resume(),
        catchUp: () => this.catchUp(),
      },
      bound,
    );
  }

  /**
   * Copies what the background pass left (frames other writes added while the message commits were paused) on
   * the node's own connection, between two writes, so the next write rewinds the log (and cuts the file back to
   * `journal_size_limit`).
   */
  private async catchUp(): Promise<void> {
    await this.withConnection(() => this.database.pragma('wal_checkpoint(PASSIVE)')).catch(
      this.onBackgroundError,
    );
  }

  override async close(): Promise<void> {
    await this.checkpointer?.stop();
    await this.wal?.close();
    await super.close();
  }
}

/**
 * Opens (creating if needed) the database and applies pending migrations, so the store is ready to use;
 * calling `migrate()` again is harmless.
 */
export async function createSqliteStore(options: SqliteOptions): Promise<SqliteStore> {
  const onDisk = options.file !== ':memory:';
  const durability: Durability = { messagesWait: options.synchronous !== 'normal' };
  if (onDisk) durability.walPath = `${options.file}-wal`;
  const store = await openMigrated(new SqliteStore(await connectSqlite(options), durability));
  if (options.onBackgroundError) store.onBackgroundError = options.onBackgroundError;
  if (options.file !== ':memory:') await store.checkpointInBackground(options.file, options.wal);
  return store;
}
