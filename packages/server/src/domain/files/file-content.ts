import { allowedFileTypes, inlineImageTypes } from '@beckon/protocol';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { fail } from '../errors.ts';

export interface CheckedContent {
  contentType: string;
  /** What is stored: the bytes as sent, or an image re-encoded without its metadata. */
  bytes: Buffer;
  width?: number;
  height?: number;
}

/** Pixels an image may have (a small file can still decode to a huge image: a decompression bomb). */
const maxImagePixels = 50_000_000;

/**
 * What a file really is, read from its bytes (file-type's signatures; plain text when there is no signature
 * and the bytes are valid UTF-8 without control characters), never its name or the sender's declared type.
 * Refused unless the type is among those `allowed` (a widget's choice within `allowedFileTypes`). Images are decoded and encoded again in the same format, which keeps
 * only pixels: EXIF (a photo's GPS position, the camera's serial), XMP and comments are dropped, and the
 * orientation is applied to the pixels first so the picture still stands the right way up.
 */
export async function checkContent(
  bytes: Buffer,
  allowed: readonly string[] = allowedFileTypes,
): Promise<CheckedContent> {
  if (bytes.length === 0) fail('FILE_TYPE_REFUSED', 'The file is empty.');
  const contentType =
    (await fileTypeFromBuffer(bytes))?.mime ?? (isPlainText(bytes) ? 'text/plain' : undefined);
  if (!contentType || !allowed.includes(contentType) || !allowedFileTypes.some((t) => t === contentType)) {
    fail('FILE_TYPE_REFUSED', `Files of this type (${contentType ?? 'unknown'}) cannot be sent.`);
  }
  if (!inlineImageTypes.includes(contentType)) return { contentType, bytes };
  return reencodeImage(bytes, contentType);
}

async function reencodeImage(bytes: Buffer, contentType: string): Promise<CheckedContent> {
  const animated = contentType === 'image/gif' || contentType === 'image/webp';
  try {
    const image = sharp(bytes, { limitInputPixels: maxImagePixels, animated, failOn: 'error' }).rotate();
    const format =
      contentType === 'image/png'
        ? image.png()
        : contentType === 'image/jpeg'
          ? image.jpeg({ quality: 90 })
          : contentType === 'image/gif'
            ? image.gif()
            : image.webp();
    const { data, info } = await format.toBuffer({ resolveWithObject: true });
    // An animation's frames are stacked: the picture's own height is the page height.
    const height = info.pageHeight ?? info.height;
    return { contentType, bytes: data, width: info.width, height };
  } catch {
    return fail('FILE_TYPE_REFUSED', 'The image cannot be read.');
  }
}

/** UTF-8 that decodes cleanly and has no control characters other than tab, line feed, form feed and return. */
function isPlainText(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // Bytes of multi-byte UTF-8 sequences are all ≥ 0x80, so control characters can be looked for byte by byte.
  return bytes.every((byte) => (byte >= 0x20 && byte !== 0x7f) || textControls.has(byte));
}

const textControls: ReadonlySet<number> = new Set([0x09, 0x0a, 0x0c, 0x0d]);
