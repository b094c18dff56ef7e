/**
 * Files sent in conversations: what is known about each (its bytes are in the BlobStore, under the file's id).
 * A file is stored once per (conversation, uploader, client id): a retried upload finds the first one.
 */

export interface FileRow {
  id: string;
  conversationId: string;
  uploader: 'visitor' | 'agent';
  /** The visitor's or the agent's id. */
  uploaderId: string;
  clientId: string;
  name: string;
  contentType: string;
  size: number;
  width?: number;
  height?: number;
  /** The message that announced it, once stored. */
  messageId?: string;
  /**
   * The antivirus signature that flagged it: the file is quarantined, its bytes were never stored, no message
   * announces it, and nobody can download it. The row stays (as long as its conversation) for the audit.
   */
  quarantinedSignature?: string;
  createdAt: number;
}

export interface FileStore {
  /** Stores the row unless (conversation, uploader id, client id) has one; answers the row that is stored. */
  createFile(file: FileRow): Promise<FileRow>;
  getFile(id: string): Promise<FileRow | undefined>;
  findFileByClientId(
    conversationId: string,
    uploaderId: string,
    clientId: string,
  ): Promise<FileRow | undefined>;
  setFileMessage(fileId: string, messageId: string): Promise<void>;
  /** Files of the conversations of these visitors (export, erasure). */
  filesOfVisitors(visitorIds: readonly string[]): Promise<FileRow[]>;
  /** At most `limit` files of conversations that ended before `before`, oldest first (retention). */
  filesOfConversationsEndedBefore(before: number, limit: number): Promise<FileRow[]>;
  /**
   * Files stored before `before` whose message was never stored (an upload cut off half-way); quarantined files
   * have no message by design and are not among them.
   */
  filesWithoutMessage(before: number, limit: number): Promise<FileRow[]>;
  deleteFiles(ids: readonly string[]): Promise<number>;
}
