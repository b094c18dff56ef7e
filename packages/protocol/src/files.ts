import { z } from 'zod';
import { attachmentSchema, chatMessageSchema } from './entities.ts';
import { formatFileSize } from './file-display.ts';
import { limits } from './limits.ts';

export { formatFileSize, inlineImageTypes } from './file-display.ts';

/** Kept apart from `limits`, which the widget loader bundles: files are the lazy pane's business. */
export const fileLimits = {
  /** A file's size limit unless the installation sets its own (BECKON_FILE_MAX_BYTES). */
  maxBytes: 10 * 1024 * 1024,
  nameMaxLength: 200,
  /** Files one participant may send per minute. */
  perMinute: 10,
} as const;

/**
 * The types a conversation accepts, as the server reads them from a file's bytes: common images, PDF, plain
 * text, and office documents (OOXML, OpenDocument, and the older Office formats). SVG and HTML are not here:
 * they can carry script.
 */
export const allowedFileTypes = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/x-cfb',
] as const;

/** A type a widget may allow: one the server can recognise and keep inert. */
export const fileTypeSchema = z.enum(allowedFileTypes);
export type FileType = z.infer<typeof fileTypeSchema>;

/** What a widget accepts unless its admin says otherwise: common images, PDF and plain text, up to 10 MB. */
export const defaultWidgetFileTypes: FileType[] = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
];

/** The bounds of a widget's file size limit; the installation's BECKON_FILE_MAX_BYTES still caps it. */
export const widgetFileSizeLimits = { min: 1024, max: 100 * 1024 * 1024 } as const;

function decoded(value: string, context: z.RefinementCtx): string {
  try {
    return decodeURIComponent(value);
  } catch {
    context.addIssue({ code: 'custom', message: 'not percent-encoded UTF-8' });
    return z.NEVER;
  }
}

/**
 * The headers of an upload (`POST /v1/conversations/:id/files`, `POST /v1/visitor/files`): the body is the
 * file's raw bytes. The name and caption are percent-encoded (headers are Latin-1); `idempotency-key` is the
 * client's id for this upload: sending it again returns the first upload instead of storing a second.
 */
export const fileUploadHeadersSchema = z.object({
  'beckon-file-name': z
    .string()
    .min(1)
    .max(3 * fileLimits.nameMaxLength)
    .transform(decoded)
    .pipe(z.string().trim().min(1).max(fileLimits.nameMaxLength)),
  'beckon-caption': z
    .string()
    .max(3 * limits.messageMaxLength)
    .transform(decoded)
    .pipe(z.string().trim().max(limits.messageMaxLength))
    .optional(),
  'idempotency-key': z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/),
});
export type FileUploadHeaders = z.infer<typeof fileUploadHeadersSchema>;

/** The query of the visitor's file routes: the widget's key, as on the visitor socket. */
export const visitorFileQuerySchema = z.object({ key: z.string().min(1).max(64) });

/**
 * The query of a file link in a transcript e-mail (`GET /v1/file-links/:id`): when it expires (ms since the
 * epoch) and the server's signature of the file id and that time. Loose on purpose: a malformed link is refused
 * as any forged one, with `FILE_LINK_INVALID`.
 */
export const fileLinkQuerySchema = z.object({
  expires: z.string().max(20),
  signature: z.string().max(100),
});
export type FileLinkQuery = z.infer<typeof fileLinkQuerySchema>;

/** The answer to an upload (201 the first time, 200 for a repeat with the same idempotency key). */
export const fileUploadResultSchema = z.object({
  file: attachmentSchema,
  message: chatMessageSchema,
});
export type FileUploadResult = z.infer<typeof fileUploadResultSchema>;

/** How a message announces a file to clients that read only `text`. */
export function attachmentFallbackText(name: string, size: number, caption?: string): string {
  const line = `📎 ${name} (${formatFileSize(size)})`;
  return caption ? `${line}\n${caption}` : line;
}
