// Over 300 lines: the relay's and the page view's hot statements, prepared once on one connection; each method is short.
import type { ChatMessage } from '@beckon/protocol';
import type BetterSqlite3 from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type {
  ConversationRow,
  InvitationRow,
  NewMessage,
  NewVisitorMessage,
  PageViewRow,
  VisitorMessageAppended,
  VisitorRow,
} from '../../ports/store.ts';
import { conversationColumnsButSeq, lastSeqSql } from '../sql/last-seq.ts';
import {
  conversationFromRow,
  conversationWithJson,
  invitationFromRow,
  invitationToRow,
  messageFromRow,
  pageViewToRow,
  toNumber,
  visitorFromRow,
  visitorToRow,
} from '../sql/mappers.ts';
import { type BatchEntry, type BatchOutcome, MissingConversation } from '../sql/message-batch.ts';
import { newMessageId } from '../sql/message-ids.ts';
import type { ConversationsTable, InvitationsTable, MessagesTable, VisitorsTable } from '../sql/schema.ts';
import { ConversationJsonCache } from './conversation-json.ts';
import { OpenConversationCopies, type OpenConversationCopy } from './open-conversation-copies.ts';

/** The columns `invitationToRow` fills, in the order the insert binds them. */
const invitationColumns = [
  'id',
  'widget_id',
  'visitor_id',
  'rule_id',
  'rule_name',
  'source',
  'message',
  'show_prechat',
  'status',
  'created_at',
  'expires_at',
  'closed_at',
  'variant',
  'agent_id',
  'smart',
] as const satisfies readonly (keyof ReturnType<typeof invitationToRow>)[];

export { type BatchEntry, type BatchOutcome, MissingConversation };

/** A conversation row as the open-conversation read selects it: with the version SQLite's trigger keeps. */
type VersionedConversation = Selectable<ConversationsTable> & { version: number | bigint };

/**
 * The queries of the chat relay's and the page view's hot paths (a page view reads the visitor, then the rule
 * check reads the widget and its rules (visitor-statements.ts) and the visitor's invitations, and may create one,
 * which expires a minute later), prepared once on the raw better-sqlite3 connection and run
 * synchronously. Through Kysely every execution builds the query tree, compiles it to SQL and hops through
 * promises per statement (about 40 % of the node's time at 1,000 conversations); these are the same SQL
 * statements as the dialect-neutral queries in `adapters/sql` (queries/messages.ts, queries/conversations.ts),
 * written out once. Callers hold Kysely's connection while they run them (`SqliteStore.withConnection`), so they
 * never interleave with a Kysely transaction.
 *
 * Statements are prepared on first use, after the migrations have created the tables.
 */
export class HotStatements {
  private prepared:
    | {
        byClientId: BetterSqlite3.Statement;
        lastSeq: BetterSqlite3.Statement;
        insert: BetterSqlite3.Statement;
        lastSeqIfUnchanged: BetterSqlite3.Statement;
        openConversation: BetterSqlite3.Statement;
        updateVisitor: BetterSqlite3.Statement;
        insertPageView: BetterSqlite3.Statement;
        visitor: BetterSqlite3.Statement;
        shownInvitation: BetterSqlite3.Statement;
        invitationsSince: BetterSqlite3.Statement;
        insertInvitation: BetterSqlite3.Statement;
        invitation: BetterSqlite3.Statement;
        closeInvitation: BetterSqlite3.Statement;
      }
    | undefined;

  /** The open conversations' parsed JSON columns, reused while their stored text is unchanged. */
  readonly conversationJson = new ConversationJsonCache();
  /** The visitors' open conversations as last read, appended to only while the stored row is at that version. */
  readonly openConversations = new OpenConversationCopies();

  constructor(private readonly database: BetterSqlite3.Database) {}

  private get statements() {
    this.prepared ??= {
      byClientId: this.database.prepare(
        'select * from "messages" where "conversation_id" = ? and "author" = ? and "client_msg_id" = ?',
      ),
      // Plucked (as `lastSeqIfUnchanged`): the integer itself, no row object per message.
      lastSeq: this.database
        .prepare(`select ${lastSeqSql('"conversations"')} as "last_seq" from "conversations" where "id" = ?`)
        .pluck(),
      // A client id already stored for this conversation and author (a retry) inserts nothing: `changes` is 0.
      insert: this.database.prepare(
        'insert into "messages" ("id", "conversation_id", "seq", "author", "author_name", "text", "client_msg_id", "created_at") values (?, ?, ?, ?, ?, ?, ?, ?) on conflict ("conversation_id", "author", "client_msg_id") where "client_msg_id" is not null do nothing',
      ),
      // The last seq of the conversation as last read, only if its row is still at the version read (every update
      // raises it, the `conversations_version` trigger): one integer read instead of the row with its JSON.
      lastSeqIfUnchanged: this.database
        .prepare(
          `select ${lastSeqSql('"conversations"')} as "last_seq" from "conversations" where "id" = ? and "version" = ?`,
        )
        .pluck(),
      // With its last seq (`lastSeqSql`), as every read of a conversation, and its version (SQLite only).
      openConversation: this.database.prepare(
        `select ${conversationColumnsButSeq.map((c) => `"${c}"`).join(', ')}, ${lastSeqSql('"conversations"')} as "last_seq", "version" from "conversations" where "visitor_id" = ? and "status" in ('waiting', 'active') order by "created_at" desc, "id" desc limit 1`,
      ),
      updateVisitor: this.database.prepare(
        'update "visitors" set "last_seen_at" = ?, "visit_count" = ?, "visit_started_at" = ?, "name" = ?, "customer_id" = ? where "id" = ?',
      ),
      insertPageView: this.database.prepare(
        'insert into "page_views" ("id", "visitor_id", "url", "title", "referrer", "at") values (?, ?, ?, ?, ?, ?)',
      ),
      visitor: this.database.prepare('select * from "visitors" where "id" = ?'),
      shownInvitation: this.database.prepare(
        `select * from "invitations" where "visitor_id" = ? and "status" = 'shown' order by "created_at" desc, "id" desc limit 1`,
      ),
      invitationsSince: this.database.prepare(
        'select * from "invitations" where "visitor_id" = ? and "created_at" >= ? order by "created_at", "id"',
      ),
      invitation: this.database.prepare('select * from "invitations" where "id" = ?'),
      closeInvitation: this.database.prepare(
        `update "invitations" set "status" = ?, "closed_at" = ? where "id" = ? and "status" = 'shown'`,
      ),
      insertInvitation: this.database.prepare(
        `insert into "invitations" (${invitationColumns.map((c) => `"${c}"`).join(', ')}) values (${invitationColumns.map(() => '?').join(', ')}) on conflict do nothing`,
      ),
    };
    return this.prepared;
  }

  /** `Store.recordPageView`: the visitor's new state and the view in one transaction. */
  recordPageView(view: PageViewRow, visitor: VisitorRow | undefined): void {
    const { updateVisitor, insertPageView } = this.statements;
    const v = pageViewToRow(view);
    this.database.transaction(() => {
      if (visitor) {
        const r = visitorToRow(visitor);
        updateVisitor.run(r.last_seen_at, r.visit_count, r.visit_started_at, r.name, r.customer_id, r.id);
      }
      insertPageView.run(v.id, v.visitor_id, v.url, v.title, v.referrer, v.at);
    })();
  }

  /** `Store.findOpenConversation`. */
  findOpenConversation(visitorId: string): ConversationRow | undefined {
    const row = this.statements.openConversation.get(visitorId) as Selectable<ConversationsTable> | undefined;
    return row && conversationFromRow(row);
  }

  /** `Store.getVisitor`. */
  getVisitor(id: string): VisitorRow | undefined {
    const row = this.statements.visitor.get(id) as Selectable<VisitorsTable> | undefined;
    return row && visitorFromRow(row);
  }

  /** `Store.createInvitation`: false when the visitor already has a `shown` one (the partial unique index). */
  createInvitation(invitation: InvitationRow): boolean {
    const row = invitationToRow(invitation);
    return (
      this.statements.insertInvitation.run(...invitationColumns.map((column) => row[column])).changes === 1
    );
  }

  /** `Store.getInvitation`. */
  getInvitation(id: string): InvitationRow | undefined {
    const row = this.statements.invitation.get(id) as Selectable<InvitationsTable> | undefined;
    return row && invitationFromRow(row);
  }

  /** `Store.closeInvitation`: only a `shown` one closes, so one caller wins. */
  closeInvitation(id: string, to: string, at: number): boolean {
    return this.statements.closeInvitation.run(to, at, id).changes === 1;
  }

  /** `Store.findShownInvitation`. */
  findShownInvitation(visitorId: string): InvitationRow | undefined {
    const row = this.statements.shownInvitation.get(visitorId) as Selectable<InvitationsTable> | undefined;
    return row && invitationFromRow(row);
  }

  /** `Store.listInvitations`. */
  listInvitations(visitorId: string, since: number): InvitationRow[] {
    return (this.statements.invitationsSince.all(visitorId, since) as Selectable<InvitationsTable>[]).map(
      invitationFromRow,
    );
  }

  /**
   * Appends the entries in ONE transaction (one commit), each exactly as `appendMessage` does: a client id
   * already stored returns the stored message, otherwise the insert at the conversation's last seq + 1. The seq
   * comes from the messages' (conversation_id, seq) index (`lastSeqSql`), so no conversation row is written: a
   * chat's row is wide (its JSON), and writing it per message wrote one more page to the log per message. A
   * visitor's entry finds their open conversation inside the same transaction (no read transaction of its own per
   * message, and nothing can end the conversation between the read and the append), reading only its last seq
   * while its row is at the version last read (`appendVisitor`); none open: undefined, nothing written. A message
   * whose conversation is missing gets a `MissingConversation` outcome; any other error rolls the whole
   * transaction back and is thrown.
   */
  appendAll(entries: readonly BatchEntry[]): (BatchOutcome | MissingConversation)[] {
    return this.database.transaction(() =>
      entries.map((entry): BatchOutcome | MissingConversation =>
        entry.kind === 'message' ? this.append(entry.message) : this.appendVisitor(entry.message),
      ),
    )();
  }

  /**
   * A visitor's message, inside the caller's transaction: to the open conversation as last read while its row is
   * at the version read (its last seq read under that condition, then the insert), else (changed, ended, never
   * read) to the one read again.
   */
  private appendVisitor(message: NewVisitorMessage): BatchOutcome {
    const copy = this.openConversations.get(message.visitorId);
    const appended = copy && this.appendIfUnchanged(copy, message);
    if (appended) return appended;
    const { visitorId, authorName, ...rest } = message;
    const row = this.statements.openConversation.get(visitorId) as VersionedConversation | undefined;
    if (!row) {
      this.openConversations.forget(visitorId);
      return undefined;
    }
    const json = this.conversationJson.parsed(row.id, row.context, row.customer);
    const conversation = conversationWithJson(row, json);
    this.openConversations.remember(visitorId, toNumber(row.version), conversation);
    const stored = this.insert(
      { ...rest, conversationId: conversation.id, author: 'visitor', authorName: authorName(conversation) },
      conversation.lastSeq + 1,
    );
    return { conversation, message: stored };
  }

  /**
   * Undefined, with nothing written, unless the copy's row is stored at its version (a retried client id returns
   * the stored message, as `insert` does).
   */
  private appendIfUnchanged(
    { version, conversation }: OpenConversationCopy,
    message: NewVisitorMessage,
  ): VisitorMessageAppended | undefined {
    const last = this.statements.lastSeqIfUnchanged.get(conversation.id, version) as
      | number
      | bigint
      | undefined;
    if (last === undefined) return undefined;
    const lastSeq = toNumber(last);
    const stored = this.insert(
      {
        conversationId: conversation.id,
        author: 'visitor',
        authorName: message.authorName(conversation),
        text: message.text,
        clientMsgId: message.clientMsgId,
        createdAt: message.createdAt,
      },
      lastSeq + 1,
    );
    return { conversation: { ...conversation, lastSeq }, message: stored };
  }

  /** One message, inside the caller's transaction. */
  private append(message: NewMessage): ChatMessage | MissingConversation {
    const last = this.statements.lastSeq.get(message.conversationId) as number | bigint | undefined;
    if (last === undefined)
      return new MissingConversation(
        `cannot append message: conversation ${message.conversationId} does not exist`,
      );
    return this.insert(message, toNumber(last) + 1);
  }

  /**
   * Inserts the message at `seq`, the conversation's last seq + 1. A retry of a stored client id inserts nothing
   * (the partial unique index), so no seq is taken, and the stored message is returned. Only a retry reads the
   * messages table's rows.
   */
  private insert(message: NewMessage, seq: number): ChatMessage {
    const { insert, byClientId } = this.statements;
    const { clientMsgId } = message;
    const stored: ChatMessage = {
      id: newMessageId(),
      conversationId: message.conversationId,
      seq,
      author: message.author,
      text: message.text,
      createdAt: message.createdAt,
    };
    if (message.authorName !== undefined) stored.authorName = message.authorName;
    if (clientMsgId !== undefined) stored.clientMsgId = clientMsgId;
    const { changes } = insert.run(
      stored.id,
      stored.conversationId,
      stored.seq,
      stored.author,
      stored.authorName ?? null,
      stored.text,
      stored.clientMsgId ?? null,
      stored.createdAt,
    );
    if (changes === 1) return stored;
    return messageFromRow(
      byClientId.get(message.conversationId, message.author, clientMsgId) as Selectable<MessagesTable>,
    );
  }
}
