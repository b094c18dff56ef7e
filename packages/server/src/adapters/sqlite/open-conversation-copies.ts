import type { Selectable } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { ConversationRow } from '../../ports/store.ts';
import { conversationColumnsButSeq } from '../sql/last-seq.ts';
import type { ConversationsTable } from '../sql/schema.ts';

/** A conversation's columns as read (but its last seq), in `conversationColumnsButSeq` order. */
export type StoredColumns = readonly unknown[];

/** A visitor's open conversation as last read: the stored columns, and the row mapped from them. */
export interface OpenConversationCopy {
  columns: StoredColumns;
  conversation: ConversationRow;
}

/** Visitors whose copy is kept; past this, the oldest goes (a miss only costs the read it replaces). */
const defaultMaxEntries = 10_000;

/**
 * Each visitor's open conversation as last read by this node, so a message need not read the row again (a
 * statement that copied its ~1 KiB of JSON into strings per message, only to find them unchanged). A copy is a
 * guess, never trusted: a message is appended with it only if every column of the stored row still equals the
 * copy's, checked by the statement that reads the conversation's last seq (`HotStatements`), in the transaction
 * that inserts the message; otherwise the row is read again. So a chat ended, transferred, taken over or changed
 * anywhere (another node, a Kysely write) cannot take the message, nor be returned as it was.
 */
export class OpenConversationCopies {
  private readonly entries: LRUCache<string, OpenConversationCopy>;

  constructor(maxEntries = defaultMaxEntries) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  get(visitorId: string): OpenConversationCopy | undefined {
    return this.entries.get(visitorId);
  }

  /** Keeps the row as read for the visitor (its JSON columns already parsed into `conversation`). */
  remember(visitorId: string, row: Selectable<ConversationsTable>, conversation: ConversationRow): void {
    const columns = conversationColumnsButSeq.map((column) => row[column]);
    this.entries.set(visitorId, { columns, conversation });
  }

  /** The visitor has no open conversation (as read just now). */
  forget(visitorId: string): void {
    this.entries.delete(visitorId);
  }
}
