import type { Locale } from '@beckon/protocol/conditions';
import { validationProblem } from '../forms/human-messages.ts';
import { consoleLocale } from '../locale.ts';

/** Same-origin JSON over fetch; every error answer `{ error: { code, message, details? } }` becomes an ApiError. */

export interface Parser<T> {
  parse(input: unknown): T;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** Human text for any failure, for an alert next to the form that caused it. */
export function errorMessage(error: unknown, locale: Locale = consoleLocale): string {
  if (error instanceof ApiError) {
    // Every form's validation answer goes through the one mapper: words a person reads, in their language.
    if (error.code === 'VALIDATION_FAILED') return validationProblem(error.details, locale) ?? error.message;
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function readErrorBody(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (typeof error === 'object' && error !== null) {
      const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
      return new ApiError(
        status,
        typeof code === 'string' ? code : 'UNKNOWN',
        typeof message === 'string' ? message : `Request failed (${status}).`,
        details,
      );
    }
  }
  return new ApiError(status, 'UNKNOWN', `Request failed (${status}).`);
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function send(method: Method, path: string, body?: unknown): Promise<unknown> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached. Check your connection and try again.');
  }
  const payload = await readJson(response);
  if (!response.ok) throw readErrorBody(response.status, payload);
  return payload;
}

/** A request whose answer is checked against a protocol schema before anyone uses it. */
export async function request<T>(
  method: Method,
  path: string,
  parser: Parser<T>,
  body?: unknown,
): Promise<T> {
  const payload = await send(method, path, body);
  try {
    return parser.parse(payload);
  } catch {
    throw new ApiError(0, 'BAD_RESPONSE', `The server answered ${method} ${path} with an unexpected body.`);
  }
}

/** A request with no body in the answer (204). */
export async function requestEmpty(method: Method, path: string, body?: unknown): Promise<void> {
  await send(method, path, body);
}

/** `{ [key]: T[] }` → T[], each item checked. */
export function listParser<T>(key: string, item: Parser<T>): Parser<T[]> {
  return {
    parse(input) {
      const list =
        typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[key] : undefined;
      if (!Array.isArray(list)) throw new Error(`expected { ${key}: [] }`);
      return list.map((entry) => item.parse(entry));
    },
  };
}

/** `{ [key]: T }` → T. */
export function fieldParser<T>(key: string, item: Parser<T>): Parser<T> {
  return {
    parse(input) {
      const value =
        typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[key] : undefined;
      return item.parse(value);
    },
  };
}
