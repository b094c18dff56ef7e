import { formatFileSize } from '@beckon/protocol/file-display';
import { useEffect, useRef, useState } from 'preact/hooks';
import { format, type Locale } from '../../i18n.ts';
import { type AttachStrings, attachStrings } from './attach-strings.ts';
import { type UploadHandle, type UploadOutcome, uploadFile } from './visitor-files.ts';

type Upload =
  | { step: 'chosen' }
  | { step: 'sending'; percent: number; handle: UploadHandle }
  | { step: 'failed'; message: string };

interface Chosen {
  file: Blob;
  name: string;
  /** Kept across retries: the server answers a repeat with the first copy, so no message is ever doubled. */
  key: string;
}

let uploads = 0;
function newKey(): string {
  uploads += 1;
  return `up-${Date.now().toString(36)}-${uploads}-${Math.random().toString(36).slice(2, 10)}`;
}

function errorText(strings: AttachStrings, outcome: Extract<UploadOutcome, { ok: false }>): string {
  if (outcome.cancelled) return strings.cancelled;
  if (outcome.code === 'FILE_TYPE_REFUSED') return strings.typeRefused;
  if (outcome.code === 'FILE_TOO_LARGE')
    return outcome.maxBytes
      ? format(strings.tooLargeMax, { size: formatFileSize(outcome.maxBytes) })
      : strings.tooLarge;
  if (outcome.code === 'FILE_RATE_LIMITED') return strings.tooMany;
  if (outcome.code === 'FILE_QUARANTINED') return strings.quarantined;
  if (outcome.code === 'FILE_SCAN_UNAVAILABLE') return strings.scanUnavailable;
  return strings.failed;
}

/**
 * Attaching a file in the chat pane: the Attach button, a file dropped on the pane or an image pasted into it;
 * then an optional caption, Send, progress with Cancel, and in words why not with Try again (same upload key).
 */
export function AttachControl({ locale }: { locale: Locale }) {
  const strings = attachStrings[locale];
  const [chosen, setChosen] = useState<Chosen | undefined>();
  const [upload, setUpload] = useState<Upload | undefined>();
  const [caption, setCaption] = useState('');
  const [dragging, setDragging] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const captionField = useRef<HTMLInputElement>(null);

  const choose = (file: Blob, name: string) => {
    setChosen({ file, name, key: newKey() });
    setUpload({ step: 'chosen' });
    setCaption('');
  };

  useEffect(() => {
    // The whole pane takes a dropped file or a pasted image, not only this control.
    const element = root.current?.closest<HTMLElement>('.p');
    if (!element) return;
    const onPaste = (event: ClipboardEvent) => {
      const item = [...(event.clipboardData?.items ?? [])].find(
        (i) => i.kind === 'file' && i.type.startsWith('image/'),
      );
      const file = item?.getAsFile();
      if (!file) return;
      event.preventDefault();
      choose(file, file.name && file.name !== 'image.png' ? file.name : `${strings.pastedImage}.png`);
    };
    const onDragOver = (event: DragEvent) => {
      if (!event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      setDragging(true);
    };
    const onDragLeave = () => setDragging(false);
    const onDrop = (event: DragEvent) => {
      const file = event.dataTransfer?.files[0];
      setDragging(false);
      if (!file) return;
      event.preventDefault();
      choose(file, file.name);
    };
    element.addEventListener('paste', onPaste);
    element.addEventListener('dragover', onDragOver);
    element.addEventListener('dragleave', onDragLeave);
    element.addEventListener('drop', onDrop);
    return () => {
      element.removeEventListener('paste', onPaste);
      element.removeEventListener('dragover', onDragOver);
      element.removeEventListener('dragleave', onDragLeave);
      element.removeEventListener('drop', onDrop);
    };
  }, [strings]);

  useEffect(() => {
    if (upload?.step === 'chosen') captionField.current?.focus();
  }, [upload?.step]);

  const send = () => {
    if (!chosen) return;
    const handle = uploadFile(chosen.file, chosen.name, caption.trim(), chosen.key, (share) =>
      setUpload((current) =>
        current?.step === 'sending' ? { ...current, percent: Math.round(share * 100) } : current,
      ),
    );
    setUpload({ step: 'sending', percent: 0, handle });
    handle.done.then((outcome) => {
      if (outcome.ok) {
        setChosen(undefined);
        setUpload(undefined);
        setCaption('');
      } else setUpload({ step: 'failed', message: errorText(strings, outcome) });
    });
  };
  const dismiss = () => {
    setChosen(undefined);
    setUpload(undefined);
  };

  return (
    <div class="at" data-testid="beckon-attach" ref={root}>
      <input
        ref={input}
        type="file"
        class="sr"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="beckon-attach-input"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file) choose(file, file.name);
          event.currentTarget.value = '';
        }}
      />
      {!upload && (
        <button
          type="button"
          class="b2"
          data-testid="beckon-attach-button"
          onClick={() => input.current?.click()}
        >
          <span aria-hidden="true">📎 </span>
          {strings.attach}
        </button>
      )}
      {dragging && (
        <p class="dz" data-testid="beckon-drop-zone">
          {strings.dropHere}
        </p>
      )}
      {chosen && upload?.step === 'chosen' && (
        <div class="ch">
          <p data-testid="beckon-attach-chosen">
            {chosen.name} ({formatFileSize(chosen.file.size)})
          </p>
          <input
            ref={captionField}
            data-testid="beckon-attach-caption"
            aria-label={strings.caption}
            placeholder={strings.caption}
            maxLength={4000}
            value={caption}
            onInput={(event) => setCaption(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                send();
              }
            }}
          />
          <button type="button" class="b" data-testid="beckon-attach-send" onClick={send}>
            {strings.send}
          </button>
          <button type="button" class="b2" onClick={dismiss}>
            {strings.cancel}
          </button>
        </div>
      )}
      <div role="status" data-testid="beckon-attach-status">
        {upload?.step === 'sending' && chosen && (
          <>
            <progress max={100} value={upload.percent} aria-label={chosen.name} />
            <span>{format(strings.sending, { name: chosen.name, percent: upload.percent })}</span>
            <button
              type="button"
              class="b2"
              data-testid="beckon-attach-cancel"
              onClick={() => upload.handle.cancel()}
            >
              {strings.cancel}
            </button>
          </>
        )}
        {upload?.step === 'failed' && (
          <>
            <span class="er" data-testid="beckon-attach-error">
              {upload.message}
            </span>
            <button type="button" class="b2" data-testid="beckon-attach-retry" onClick={send}>
              {strings.retry}
            </button>
            <button type="button" class="b2" onClick={dismiss}>
              {strings.dismiss}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
