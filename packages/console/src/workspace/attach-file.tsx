import { allowedFileTypes } from '@beckon/protocol';
import { useEffect, useId, useRef, useState } from 'react';
import { uploadFile } from '../api/file-upload.ts';
import { ApiError } from '../api/http.ts';
import { messagesOf } from '../i18n/messages.ts';
import { attachmentMessages } from './attachment-messages.ts';

const t = messagesOf(attachmentMessages);

type Upload =
  | { state: 'sending'; file: File; key: string; abort: AbortController }
  | { state: 'failed'; file: File; key: string; reason: string }
  | { state: 'sent'; file: File };

function reasonOf(error: unknown): string {
  if (!(error instanceof ApiError)) return t.network;
  switch (error.code) {
    case 'FILE_TOO_LARGE':
    case 'PAYLOAD_TOO_LARGE':
      return t.tooLarge;
    case 'FILE_TYPE_REFUSED':
      return t.typeRefused;
    case 'FILE_RATE_LIMITED':
      return t.rateLimited;
    case 'FILE_QUARANTINED':
      return t.quarantined;
    case 'FILE_SCAN_UNAVAILABLE':
      return t.scanUnavailable;
    case 'CONVERSATION_ENDED':
      return t.ended;
    case 'NETWORK':
      return t.network;
    default:
      return t.other(error.message);
  }
}

/**
 * The composer's Attach button: a real button (keyboard, screen readers) that opens the file picker, then the
 * upload's state in a live region — sending (with Cancel), sent, or why it failed (with Try again, which sends
 * the same upload key so the file is never stored twice). The message itself arrives over the socket.
 */
export function AttachFile(props: { conversationId: string; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const [upload, setUpload] = useState<Upload>();
  const conversationId = useRef(props.conversationId);
  conversationId.current = props.conversationId;

  // Another conversation: what was said about this one's upload no longer applies.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the conversation changes.
  useEffect(() => setUpload(undefined), [props.conversationId]);

  async function send(file: File, key: string) {
    const abort = new AbortController();
    setUpload({ state: 'sending', file, key, abort });
    try {
      await uploadFile(conversationId.current, file, key, abort.signal);
      setUpload({ state: 'sent', file });
    } catch (error) {
      if (abort.signal.aborted) setUpload(undefined);
      else setUpload({ state: 'failed', file, key, reason: reasonOf(error) });
    }
  }

  return (
    <div className="attach">
      <input
        ref={input}
        type="file"
        hidden
        tabIndex={-1}
        accept={allowedFileTypes.join(',')}
        data-testid="attach-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void send(file, crypto.randomUUID());
        }}
      />
      <button
        type="button"
        data-testid="attach"
        aria-describedby={hintId}
        disabled={props.disabled || upload?.state === 'sending'}
        onClick={() => input.current?.click()}
      >
        {t.attach}
      </button>
      <span id={hintId} className="visually-hidden">
        {t.attachHint}
      </span>
      <div className="attach-status" role="status" data-testid="attach-status">
        {upload?.state === 'sending' && (
          <>
            <span>{t.uploading(upload.file.name)}</span>{' '}
            <button type="button" onClick={() => upload.abort.abort()}>
              {t.cancel}
            </button>
          </>
        )}
        {upload?.state === 'sent' && <span className="muted">{t.sent(upload.file.name)}</span>}
        {upload?.state === 'failed' && (
          <>
            <span className="error" data-testid="attach-error">
              {t.failed(upload.file.name, upload.reason)}
            </span>{' '}
            <button type="button" onClick={() => void send(upload.file, upload.key)}>
              {t.retry}
            </button>{' '}
            <button type="button" onClick={() => setUpload(undefined)}>
              {t.dismiss}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
