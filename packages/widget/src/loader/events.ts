import { sdkAuthErrorNumbers } from '@beckon/protocol/errors';

/** Everything the page can observe is a CustomEvent on `window`. */
export function emit(name: string, detail?: unknown): void {
  window.dispatchEvent(new CustomEvent(name, { detail }));
}

export interface ErrorDetail {
  errorCode: string;
  errorDescription: string;
  /** The incumbent SDK's number for auth token errors (2, 3, 4). */
  sdkErrorCode?: number;
}

export function emitError(errorCode: string, errorDescription: string): void {
  const detail: ErrorDetail = { errorCode, errorDescription };
  const sdkErrorCode = (sdkAuthErrorNumbers as Record<string, number | undefined>)[errorCode];
  if (sdkErrorCode !== undefined) detail.sdkErrorCode = sdkErrorCode;
  emit('lcw:error', detail);
}
