import { LRUCache } from 'lru-cache';
import type { ConversationRow } from '../../ports/store.ts';

/** A visitor's open conversation as last read: the row's version then, and the row mapped from it. */
export interface OpenConversationCopy {
  version: number;
  conversation: ConversationRow;
}

/** Visitors whose copy is kept; past this, the oldest goes (a miss only costs the read it replaces). */
const defaultMaxEntries = 10_000;

/**
 * Each visitor's open conversation as last read by this node, so a message need not read the row again (a
 * statement that copied its ~1 KiB of JSON into strings per message, only to find them unchanged). A copy is a
 * guess, never trusted: a message is appended with it only if the stored row still has the copy's id and version
 * (which every update of the row raises, the `conversations_version` trigger), checked by the statement that
 * reads the conversation's last seq (`HotStatements`), in the transaction that inserts the message; otherwise
 * the row is read again. So a chat ended, transferred, taken over or changed anywhere (another node, a Kysely
 * write) cannot take the message, nor be returned as it was.
 */
export class OpenConversationCopies {
  private readonly entries: LRUCache<string, OpenConversationCopy>;

  constructor(maxEntries = defaultMaxEntries) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  get(visitorId: string): OpenConversationCopy | undefined {
    return this.entries.get(visitorId);
  }

  /** Keeps the row as read for the visitor, at the version it was read at. */
  remember(visitorId: string, version: number, conversation: ConversationRow): void {
    this.entries.set(visitorId, { version, conversation });
  }

  /** The visitor has no open conversation (as read just now). */
  forget(visitorId: string): void {
    this.entries.delete(visitorId);
  }
}
