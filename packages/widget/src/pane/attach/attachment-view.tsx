import type { Attachment } from '@beckon/protocol';
import { formatFileSize, inlineImageTypes } from '@beckon/protocol/file-display';
import { useEffect, useState } from 'preact/hooks';
import { format, type Locale } from '../../i18n.ts';
import { attachStrings } from './attach-strings.ts';
import { fileUrl } from './visitor-files.ts';

/**
 * A file in the transcript: an image as a thumbnail that opens its full view, anything else as a download
 * link with its name and size. The bytes are fetched with the visitor's credential into a local object URL.
 */
export function AttachmentView({ attachment, locale }: { attachment: Attachment; locale: Locale }) {
  const strings = attachStrings[locale];
  const [url, setUrl] = useState<string | undefined>();
  const [full, setFull] = useState(false);
  useEffect(() => {
    let objectUrl: string | undefined;
    let live = true;
    fileUrl(attachment.id).then((made) => {
      objectUrl = made;
      if (live) setUrl(made);
      else if (made) URL.revokeObjectURL(made);
    });
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [attachment.id]);
  const size = formatFileSize(attachment.size);
  if (!inlineImageTypes.includes(attachment.contentType))
    return (
      <a
        class="fl"
        data-testid="beckon-attachment-file"
        href={url}
        download={attachment.name}
        aria-disabled={url ? undefined : 'true'}
      >
        <span aria-hidden="true">📎 </span>
        {format(strings.download, { name: attachment.name, size })}
      </a>
    );
  return (
    <>
      <button
        type="button"
        class="th"
        data-testid="beckon-attachment-image"
        aria-label={format(strings.openImage, { name: attachment.name })}
        onClick={() => setFull(true)}
      >
        {url && <img src={url} alt={attachment.name} width={attachment.width} height={attachment.height} />}
      </button>
      {full && url && (
        <div
          class="fv"
          role="dialog"
          aria-label={attachment.name}
          data-testid="beckon-attachment-full"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              setFull(false);
            }
          }}
        >
          <img src={url} alt={attachment.name} />
          <button type="button" class="b" ref={(button) => button?.focus()} onClick={() => setFull(false)}>
            {strings.closeImage}
          </button>
        </div>
      )}
    </>
  );
}
