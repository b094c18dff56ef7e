import type { ChatMessage } from '@beckon/protocol';
import { sql } from 'kysely';
import type { ConversationRow, NewMessage, PageViewRow, VisitorRow } from '../../ports/store.ts';
import { openMigrated, SqlStore } from '../sql/sql-store.ts';
import { BackgroundCheckpointer } from './checkpointer.ts';
import { connectSqlite, type SqliteConnection, type SqliteOptions } from './connection.ts';
import { HotStatements, type MissingConversation } from './hot-statements.ts';
import { MessageBatcher } from './message-batch.ts';

/**
 * The embedded store: one better-sqlite3 connection behind Kysely. Kysely's SQLite driver hands the connection
 * to one query or transaction at a time, which is what makes seq allocation and conditional writes safe here.
 * Messages are group-committed (`MessageBatcher`): one durable commit for the messages of one event-loop turn.
 * The relay's hot queries (the batch, the open conversation) run as statements prepared once (`HotStatements`).
 */
export class SqliteStore extends SqlStore {
  private readonly hot: HotStatements;
  private readonly batcher: MessageBatcher;

  constructor(connection: SqliteConnection) {
    super(connection.db);
    this.hot = new HotStatements(connection.database);
    this.batcher = new MessageBatcher(
      (messages) => this.appendBatch(messages),
      (message) => super.appendMessage(message),
    );
  }

  private checkpointer: BackgroundCheckpointer | undefined;

  override appendMessage(message: NewMessage): Promise<ChatMessage> {
    return this.batcher.append(message);
  }

  override recordPageView(view: PageViewRow, visitor?: VisitorRow): Promise<void> {
    return this.withConnection(() => this.hot.recordPageView(view, visitor));
  }

  override findOpenConversation(visitorId: string): Promise<ConversationRow | undefined> {
    return this.withConnection(() => this.hot.findOpenConversation(visitorId));
  }

  /** The messages in one transaction (see `HotStatements.appendAll`). */
  protected appendBatch(messages: NewMessage[]): Promise<(ChatMessage | MissingConversation)[]> {
    return this.withConnection(() => this.hot.appendAll(messages));
  }

  /**
   * Runs synchronous statements on the raw connection while holding Kysely's: never between the statements of
   * a Kysely transaction, so they neither see its uncommitted writes nor end up inside it.
   */
  private withConnection<T>(run: () => T): Promise<T> {
    return this.db.connection().execute(async () => run());
  }

  /** WAL checkpoints move to a worker thread (see `BackgroundCheckpointer`); file databases only. */
  async checkpointInBackground(file: string): Promise<void> {
    await sql`PRAGMA wal_autocheckpoint = 0`.execute(this.db);
    this.checkpointer = new BackgroundCheckpointer(file, () => {
      // Without the thread the log would grow without end: SQLite's own checkpoints take over again.
      this.checkpointer = undefined;
      void sql`PRAGMA wal_autocheckpoint = 1000`.execute(this.db).catch(() => {});
    });
  }

  override async close(): Promise<void> {
    await this.checkpointer?.stop();
    await super.close();
  }
}

/**
 * Opens (creating if needed) the database and applies pending migrations, so the store is ready to use;
 * calling `migrate()` again is harmless.
 */
export async function createSqliteStore(options: SqliteOptions): Promise<SqliteStore> {
  const store = await openMigrated(new SqliteStore(await connectSqlite(options)));
  if (options.file !== ':memory:') await store.checkpointInBackground(options.file);
  return store;
}
