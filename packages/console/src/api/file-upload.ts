import { type FileUploadResult, fileUploadResultSchema } from '@beckon/protocol';
import { ApiError } from './http.ts';

/**
 * Sends a file to a conversation: the raw bytes as the body, the name percent-encoded in a header, and the
 * upload's own key (`Idempotency-Key`), so that trying again after a failure never sends it twice.
 */
export async function uploadFile(
  conversationId: string,
  file: File,
  key: string,
  signal?: AbortSignal,
): Promise<FileUploadResult> {
  let response: Response;
  try {
    response = await fetch(`/v1/conversations/${encodeURIComponent(conversationId)}/files`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'content-type': 'application/octet-stream',
        'beckon-file-name': encodeURIComponent(file.name || 'file'),
        'idempotency-key': key,
      },
      body: file,
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached.');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const fault = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(
      response.status,
      fault?.code ?? 'UNKNOWN',
      fault?.message ?? `HTTP ${response.status}`,
    );
  }
  return fileUploadResultSchema.parse(body);
}

/** Where a file of a conversation is downloaded from (the session cookie authorises it). */
export function fileUrl(fileId: string): string {
  return `/v1/files/${encodeURIComponent(fileId)}`;
}
