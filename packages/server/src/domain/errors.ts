import type { ErrorCode } from '@beckon/protocol';

/** The one error type domain code throws; transports map `code` to an HTTP status or an `error` frame. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function fail(code: ErrorCode, message: string, details?: unknown): never {
  throw new DomainError(code, message, details);
}
