import type { ChatMessage } from '@beckon/protocol';
import type { ReceiptMarks } from './receipts.ts';

/** The messages of a conversation, numbered 1, 2, 3… per conversation. */

export interface NewMessage {
  conversationId: string;
  author: ChatMessage['author'];
  authorName?: string;
  text: string;
  clientMsgId?: string;
  createdAt: number;
}

/** A conversation's messages and its receipt marks, as an agent's view of it opens. */
export interface MessagesWithReceipts {
  /** Every message, in seq order. */
  messages: ChatMessage[];
  receipts: ReceiptMarks;
}

export interface MessageStore {
  /**
   * Stores a message with the next sequence number of its conversation, atomically. Idempotent: a second call
   * with the same (conversationId, author, clientMsgId) returns the message stored the first time.
   */
  appendMessage(message: NewMessage): Promise<ChatMessage>;
  /** Messages with seq > afterSeq, in seq order. */
  listMessages(conversationId: string, afterSeq: number): Promise<ChatMessage[]>;
  /** `listMessages(conversationId, 0)` and `getReceipts(conversationId)` in one read. */
  listMessagesWithReceipts(conversationId: string): Promise<MessagesWithReceipts>;
}
