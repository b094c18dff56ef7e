import { type Attachment, formatFileSize, inlineImageTypes } from '@beckon/protocol';
import { fileUrl } from '../api/file-upload.ts';
import { messagesOf } from '../i18n/messages.ts';
import { attachmentMessages } from './attachment-messages.ts';

const t = messagesOf(attachmentMessages);
/** The longest side of a thumbnail, in CSS pixels. */
const thumbnailSide = 180;

/**
 * A file in the transcript: an image as a thumbnail that opens the full image, anything else as a download link
 * with its name and size. Names are text; the file itself is never rendered in the console's page.
 */
export function MessageAttachment(props: { attachment: Attachment }) {
  const { id, name, contentType, size, width, height } = props.attachment;
  const url = fileUrl(id);
  if (inlineImageTypes.includes(contentType) && width && height) {
    const scale = Math.min(1, thumbnailSide / Math.max(width, height));
    return (
      <a
        className="attachment attachment-image"
        href={url}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={t.openImage(name)}
        data-testid="attachment"
      >
        <img
          src={url}
          alt={name}
          width={Math.round(width * scale)}
          height={Math.round(height * scale)}
          loading="lazy"
        />
      </a>
    );
  }
  return (
    <a className="attachment attachment-file" href={url} download={name} data-testid="attachment">
      <span aria-hidden="true">📎 </span>
      <span className="visually-hidden">{t.download(name, formatFileSize(size))}</span>
      <span aria-hidden="true">
        {name} <span className="muted">({formatFileSize(size)})</span>
      </span>
    </a>
  );
}

/** The caption sent with a file: the message text after its first line (`📎 name (size)`). */
export function captionOf(text: string): string {
  const newline = text.indexOf('\n');
  return newline === -1 ? '' : text.slice(newline + 1);
}
