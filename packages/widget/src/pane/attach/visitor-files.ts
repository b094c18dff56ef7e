import type { FileUploadResult } from '@beckon/protocol';

/**
 * The visitor's file routes, reached from the pane chunk itself so the loader does not grow: the server is
 * where this chunk came from, the widget's key is on the page's `<script data-widget>` (Beckon's chat window
 * adds one too), and the credential is what the loader keeps in storage from its welcome.
 */
function endpoint(): { base: string; key: string } | undefined {
  const script = document.querySelector<HTMLScriptElement>('script[data-widget][src*="widget.js"]');
  const key = script?.dataset.widget;
  return key ? { base: new URL(import.meta.url).origin, key } : undefined;
}

function credential(key: string): string | undefined {
  const name = `beckon:${key}:visitor`;
  for (const kind of ['localStorage', 'sessionStorage'] as const) {
    try {
      const value = window[kind].getItem(name);
      if (value?.includes('.')) return `Bearer ${value}`;
    } catch {
      // Blocked storage: try the other one.
    }
  }
  return undefined;
}

export type UploadOutcome =
  | { ok: true; result: FileUploadResult }
  | { ok: false; code: string; maxBytes?: number; cancelled?: boolean };

export interface UploadHandle {
  done: Promise<UploadOutcome>;
  cancel(): void;
}

/**
 * Sends one file; `onProgress` gets the share sent (0–1). The idempotency key names this upload: sending the
 * same file again with it after a failure answers the first stored copy, never a second message.
 */
export function uploadFile(
  file: Blob,
  name: string,
  caption: string,
  idempotencyKey: string,
  onProgress: (share: number) => void,
): UploadHandle {
  const where = endpoint();
  const auth = where && credential(where.key);
  const request = new XMLHttpRequest();
  const done = new Promise<UploadOutcome>((resolve) => {
    if (!where || !auth) {
      resolve({ ok: false, code: 'UNAUTHENTICATED' });
      return;
    }
    request.open('POST', `${where.base}/v1/visitor/files?key=${encodeURIComponent(where.key)}`);
    request.setRequestHeader('authorization', auth);
    request.setRequestHeader('beckon-file-name', encodeURIComponent(name));
    if (caption) request.setRequestHeader('beckon-caption', encodeURIComponent(caption));
    request.setRequestHeader('idempotency-key', idempotencyKey);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      try {
        const body = JSON.parse(request.responseText) as FileUploadResult & {
          error?: { code: string; details?: { maxBytes?: number } };
        };
        if (request.status < 300) resolve({ ok: true, result: body });
        else {
          const outcome: UploadOutcome = { ok: false, code: body.error?.code ?? 'FAILED' };
          const maxBytes = body.error?.details?.maxBytes;
          if (maxBytes !== undefined) outcome.maxBytes = maxBytes;
          resolve(outcome);
        }
      } catch {
        resolve({ ok: false, code: request.status === 413 ? 'FILE_TOO_LARGE' : 'FAILED' });
      }
    };
    request.onerror = () => resolve({ ok: false, code: 'FAILED' });
    request.onabort = () => resolve({ ok: false, code: 'CANCELLED', cancelled: true });
    request.send(file);
  });
  return { done, cancel: () => request.abort() };
}

/**
 * A file of the visitor's conversation as a local object URL: the route needs the credential in a header, which
 * an `<img src>` or a link cannot send.
 */
export async function fileUrl(fileId: string): Promise<string | undefined> {
  const where = endpoint();
  const auth = where && credential(where.key);
  if (!where || !auth) return undefined;
  const response = await fetch(
    `${where.base}/v1/visitor/files/${encodeURIComponent(fileId)}?key=${encodeURIComponent(where.key)}`,
    { headers: { authorization: auth } },
  );
  if (!response.ok) return undefined;
  return URL.createObjectURL(await response.blob());
}
