import type { ChatMessage } from '@beckon/protocol';

/** The messages of a conversation, numbered 1, 2, 3… per conversation. */

export interface NewMessage {
  conversationId: string;
  author: ChatMessage['author'];
  authorName?: string;
  text: string;
  clientMsgId?: string;
  createdAt: number;
}

export interface MessageStore {
  /**
   * Stores a message with the next sequence number of its conversation, atomically. Idempotent: a second call
   * with the same (conversationId, author, clientMsgId) returns the message stored the first time.
   */
  appendMessage(message: NewMessage): Promise<ChatMessage>;
  /** Messages with seq > afterSeq, in seq order. */
  listMessages(conversationId: string, afterSeq: number): Promise<ChatMessage[]>;
}
