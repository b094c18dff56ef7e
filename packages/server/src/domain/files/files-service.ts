import {
  type Attachment,
  attachmentFallbackText,
  type ChatMessage,
  defaultWidgetFileTypes,
  type FileUploadResult,
  fileLimits,
} from '@beckon/protocol';
import type { AuditTrail } from '../../ports/audit-trail.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import { type FileScanOutcome, type Metrics, noMetrics } from '../../ports/metrics.ts';
import type { ConversationRow, FileRow, Store, UserRow } from '../../ports/store.ts';
import { ScannerUnavailableError, type VirusScanner } from '../../ports/virus-scanner.ts';
import { visitorDisplayName } from '../conversations/conversation-views.ts';
import type { ConversationsService } from '../conversations/conversations-service.ts';
import { fail } from '../errors.ts';
import { checkContent } from './file-content.ts';
import type { FileLinks } from './file-links.ts';
import { UploadRate } from './upload-rate.ts';

export interface FileUpload {
  clientId: string;
  name: string;
  caption?: string;
  bytes: Buffer;
}

export interface FileSettings {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Files one participant may send per minute. */
  perMinute: number;
}

export const defaultFileSettings: FileSettings = {
  maxBytes: fileLimits.maxBytes,
  perMinute: fileLimits.perMinute,
};

/** An upload whose message was never stored (cut off half-way) is cleared after this long. */
const abandonedAfterMs = 3_600_000;
const purgeBatch = 100;
const maxPurgeBatches = 20;

interface Author {
  kind: 'visitor' | 'agent';
  id: string;
  name: string;
}

/** The antivirus check of uploads, when the installation has one, and where its refusals are recorded. */
export interface FileScanning {
  scanner?: VirusScanner;
  audit: AuditTrail;
  metrics?: Metrics;
}

/**
 * Files in conversations: sent by the visitor or the agent in it, stored under the conversation, announced by a
 * message, and served only to the people who may see that conversation. The bytes go to the blob store before
 * the row that points to them, and the row before the message: a failure at any step leaves nothing a client can
 * see, and the client's retry (same client id) picks up where it stopped instead of storing a second copy.
 * With a virus scanner, the bytes are scanned after the content checks and before they are stored: a flagged
 * file keeps only its row (quarantined, with the signature) and is refused; no verdict refuses it too.
 */
export class FilesService {
  private readonly rate: UploadRate;

  constructor(
    private readonly store: Store,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly conversations: ConversationsService,
    private readonly scanning: FileScanning,
    private readonly links: FileLinks,
    readonly settings: FileSettings = defaultFileSettings,
  ) {
    this.rate = new UploadRate(clock, settings.perMinute);
  }

  /** The visitor sends a file in their open chat. */
  async visitorUpload(
    visitorId: string,
    upload: FileUpload,
  ): Promise<FileUploadResult & { repeated: boolean }> {
    const conversation =
      (await this.store.findOpenConversation(visitorId)) ?? fail('NO_CHAT_OPEN', 'There is no open chat.');
    const author = { kind: 'visitor', id: visitorId, name: visitorDisplayName(conversation) } as const;
    return this.upload(conversation, author, upload);
  }

  /** The agent sends a file in a conversation they may work on (assigned to them, or any for an admin). */
  async agentUpload(
    agent: UserRow,
    conversationId: string,
    upload: FileUpload,
  ): Promise<FileUploadResult & { repeated: boolean }> {
    const conversation = await this.conversations.agentConversation(agent, conversationId);
    return this.upload(conversation, { kind: 'agent', id: agent.id, name: agent.name }, upload);
  }

  /** A file of the visitor's own conversations. */
  async forVisitor(visitorId: string, fileId: string): Promise<{ file: FileRow; bytes: Buffer }> {
    const file = await this.store.getFile(fileId);
    const conversation = file && (await this.store.getConversation(file.conversationId));
    if (!file || conversation?.visitorId !== visitorId) return notFound(fileId);
    return this.withBytes(file);
  }

  /**
   * A file by the signed link of a transcript e-mail, with no session: the link must be this server's for this
   * file and not expired; a file erased or purged since is not found like any other.
   */
  async byLink(
    fileId: string,
    expires: string,
    signature: string,
  ): Promise<{ file: FileRow; bytes: Buffer }> {
    this.links.check(fileId, expires, signature);
    const file = await this.store.getFile(fileId);
    if (!file) return notFound(fileId);
    return this.withBytes(file);
  }

  /**
   * A file for staff: supervisors and admins see every conversation (as they can watch any); an agent, the
   * conversations assigned to them.
   */
  async forStaff(user: UserRow, fileId: string): Promise<{ file: FileRow; bytes: Buffer }> {
    const file = await this.store.getFile(fileId);
    const conversation = file && (await this.store.getConversation(file.conversationId));
    if (!file || !conversation) return notFound(fileId);
    if (user.role === 'agent' && conversation.agentId !== user.id) return notFound(fileId);
    return this.withBytes(file);
  }

  /** Erasure: the bytes of the visitors' files go first; `erasePersonalData` then deletes the rows. */
  async eraseBytesOfVisitors(visitorIds: readonly string[]): Promise<number> {
    const files = await this.store.filesOfVisitors(visitorIds);
    for (const file of files) await this.blobs.delete(file.id);
    return files.length;
  }

  /**
   * Retention: files of conversations that ended before `before` (and of conversations already purged), and
   * uploads abandoned half-way. Bytes first, then rows, in bounded batches; answers how many files went.
   */
  async purge(before: number): Promise<number> {
    let total = 0;
    for (const batchOf of [
      () => this.store.filesOfConversationsEndedBefore(before, purgeBatch),
      () => this.store.filesWithoutMessage(this.clock.now() - abandonedAfterMs, purgeBatch),
    ]) {
      for (let batch = 0; batch < maxPurgeBatches; batch++) {
        const files = await batchOf();
        for (const file of files) await this.blobs.delete(file.id);
        total += await this.store.deleteFiles(files.map((file) => file.id));
        if (files.length < purgeBatch) break;
      }
    }
    return total;
  }

  private async upload(
    conversation: ConversationRow,
    author: Author,
    upload: FileUpload,
  ): Promise<FileUploadResult & { repeated: boolean }> {
    const existing = await this.store.findFileByClientId(conversation.id, author.id, upload.clientId);
    if (existing?.quarantinedSignature) quarantined();
    if (!existing?.messageId && conversation.status === 'ended') {
      fail('CONVERSATION_ENDED', 'The conversation has ended.');
    }
    const file = existing ?? (await this.storeNew(conversation, author, upload));
    // Idempotent by client message id: a retry gets the message stored the first time back.
    const message = await this.store.appendMessage({
      conversationId: conversation.id,
      author: author.kind,
      authorName: author.name,
      text: attachmentFallbackText(file.name, file.size, upload.caption || undefined),
      clientMsgId: `file:${upload.clientId}`,
      createdAt: this.clock.now(),
    });
    const announced: ChatMessage = { ...message, attachment: attachmentOf(file) };
    if (!file.messageId) {
      await this.store.setFileMessage(file.id, message.id);
      await this.conversations.broadcast(conversation, announced);
    }
    return { file: attachmentOf(file), message: announced, repeated: existing !== undefined };
  }

  private async storeNew(
    conversation: ConversationRow,
    author: Author,
    upload: FileUpload,
  ): Promise<FileRow> {
    const widget = await this.store.getWidget(conversation.widgetId);
    // The widget's own limit, within the installation's (which the route enforces before reading the body).
    const maxBytes = Math.min(widget?.fileMaxBytes ?? this.settings.maxBytes, this.settings.maxBytes);
    if (upload.bytes.length > maxBytes) {
      fail('FILE_TOO_LARGE', `Files may be up to ${maxBytes} bytes.`, { maxBytes });
    }
    const waitMs = this.rate.take(`${author.kind}:${author.id}`);
    if (waitMs > 0) {
      const retryAfterSeconds = Math.ceil(waitMs / 1000);
      fail('FILE_RATE_LIMITED', `Too many files; try again in ${retryAfterSeconds} s.`, {
        retryAfterSeconds,
      });
    }
    const content = await checkContent(upload.bytes, widget?.fileTypes ?? defaultWidgetFileTypes);
    const signature = await this.scan(content.bytes);
    const id = this.ids.next('fil');
    // A flagged file's bytes are never written anywhere: nothing to serve by mistake, nothing to clean up.
    if (signature === undefined) await this.blobs.put(id, content.bytes);
    const stored = await this.store.createFile({
      id,
      conversationId: conversation.id,
      uploader: author.kind,
      uploaderId: author.id,
      clientId: upload.clientId,
      name: upload.name,
      contentType: content.contentType,
      size: content.bytes.length,
      ...(content.width && content.height ? { width: content.width, height: content.height } : {}),
      ...(signature === undefined ? {} : { quarantinedSignature: signature }),
      createdAt: this.clock.now(),
    });
    // A concurrent retry stored its copy first: ours is not referenced by anything, so it goes.
    if (stored.id !== id && signature === undefined) await this.blobs.delete(id);
    if (stored.id === id && signature !== undefined) {
      await this.scanning.audit.record({
        actorId: author.kind === 'agent' ? author.id : null,
        action: 'file.quarantined',
        targetType: 'file',
        targetId: id,
        details: {
          conversationId: conversation.id,
          uploader: author.kind,
          uploaderId: author.id,
          signature,
          contentType: content.contentType,
          size: content.bytes.length,
        },
      });
    }
    if (stored.quarantinedSignature) quarantined();
    return stored;
  }

  /** The signature that flagged the bytes, undefined when clean or when nothing scans; no verdict refuses. */
  private async scan(bytes: Buffer): Promise<string | undefined> {
    const { scanner, metrics = noMetrics } = this.scanning;
    if (!scanner) return undefined;
    const started = performance.now();
    const done = (outcome: FileScanOutcome) =>
      metrics.fileScan(outcome, (performance.now() - started) / 1000);
    try {
      const verdict = await scanner.scan(bytes);
      done(verdict.clean ? 'clean' : 'quarantined');
      return verdict.clean ? undefined : verdict.signature;
    } catch (error) {
      if (!(error instanceof ScannerUnavailableError)) throw error;
      done('unavailable');
      return fail('FILE_SCAN_UNAVAILABLE', 'Files cannot be checked for viruses now; try again later.');
    }
  }

  private async withBytes(file: FileRow): Promise<{ file: FileRow; bytes: Buffer }> {
    if (file.quarantinedSignature) return notFound(file.id);
    const bytes = await this.blobs.get(file.id);
    if (!bytes) return notFound(file.id);
    return { file, bytes };
  }
}

export function attachmentOf(file: FileRow): Attachment {
  const attachment: Attachment = {
    id: file.id,
    name: file.name,
    contentType: file.contentType,
    size: file.size,
  };
  if (file.width !== undefined) attachment.width = file.width;
  if (file.height !== undefined) attachment.height = file.height;
  return attachment;
}

function quarantined(): never {
  return fail('FILE_QUARANTINED', 'The antivirus flagged this file; it was not sent.');
}

function notFound(fileId: string): never {
  return fail('FILE_NOT_FOUND', `No file ${fileId} for you.`);
}
