/** Messages left when nobody could answer: the conversation they wait in and where the reply is e-mailed. */

export interface LeftMessageRow {
  conversationId: string;
  visitorId: string;
  name: string;
  email: string;
  /** The language the e-mails are written in: 'en' or 'fr'. */
  language: string;
  createdAt: number;
}

export interface LeftMessageStore {
  /**
   * Marks the conversation as a left message (its context's origin becomes `left-message`) and keeps where
   * the reply goes, in one transaction. Once per conversation: false (nothing changed) when already marked.
   */
  saveLeftMessage(row: LeftMessageRow): Promise<boolean>;
  getLeftMessage(conversationId: string): Promise<LeftMessageRow | undefined>;
}
