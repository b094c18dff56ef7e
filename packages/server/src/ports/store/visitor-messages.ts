import type { ChatMessage } from '@beckon/protocol';
import type { ConversationRow } from './conversations.ts';

/** A visitor's chat message: it goes to whichever conversation of theirs is open when it is stored. */
export interface NewVisitorMessage {
  visitorId: string;
  text: string;
  clientMsgId: string;
  createdAt: number;
  /**
   * The author name stored with the message, from the conversation it goes to (synchronous, no I/O). It may
   * depend on the conversation's id, context and customer only: a store may work it out from the conversation as
   * last read and store it only if those three are unchanged when the message is stored.
   */
  authorName: (conversation: ConversationRow) => string;
}

export interface VisitorMessageAppended {
  /** The open conversation the message was stored in, as read for the append (`lastSeq` before it). */
  conversation: ConversationRow;
  message: ChatMessage;
}

/**
 * A visitor's message spans two concepts (the open conversation, the message), so it has a port of its own. The
 * conversation is looked up by the store when the message is appended, never taken unchecked from a copy a node
 * keeps (SQLite keeps one, used only while the stored row still equals it): a chat ended, transferred or taken
 * over on another node cannot take the message, nor route it to the agent who had it.
 */
export interface VisitorMessageStore {
  /**
   * Finds the visitor's open conversation (as `findOpenConversation`) and appends the message to it (as
   * `appendMessage`: the next seq, idempotent on the client id); undefined, with nothing written, when none is
   * open. SQLite does both in the transaction that stores the message, PostgreSQL in the statement that does.
   */
  appendVisitorMessage(message: NewVisitorMessage): Promise<VisitorMessageAppended | undefined>;
}
