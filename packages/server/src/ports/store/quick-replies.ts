/** Quick replies: canned answers the admins manage and agents insert. */

/** `text` may hold variables such as {visitor.name}. */
export interface QuickReplyRow {
  id: string;
  title: string;
  text: string;
  createdAt: number;
}

export interface QuickReplyStore {
  createQuickReply(reply: QuickReplyRow): Promise<void>;
  /** Ordered by title, then id. */
  listQuickReplies(): Promise<QuickReplyRow[]>;
  /** Changes title and text; false when there is no such reply. */
  updateQuickReply(reply: QuickReplyRow): Promise<boolean>;
  deleteQuickReply(id: string): Promise<boolean>;
}
