import type { ErrorCode } from '@beckon/protocol/errors';

/** The page's `setAuthTokenProvider(fn)`: `fn(callback)` calls back with a JWT (or returns a promise of one). */
export type AuthTokenProvider = (callback: (token?: string | null) => void) => unknown;

export type TokenResult =
  | { ok: true; token: string }
  | {
      ok: false;
      code: Extract<ErrorCode, 'AUTH_TOKEN_PROVIDER_FAILED' | 'AUTH_TOKEN_MISSING'>;
      description: string;
    };

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Asks the provider for a token; the first of callback, returned promise, throw or timeout decides. */
export function requestToken(provider: AuthTokenProvider, timeoutMs: number): Promise<TokenResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: TokenResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const failed = (reason: string): TokenResult => ({
      ok: false,
      code: 'AUTH_TOKEN_PROVIDER_FAILED',
      description: `The auth token provider failed: ${reason}`,
    });
    const accept = (token: unknown) => {
      if (typeof token === 'string' && token.trim() !== '') finish({ ok: true, token: token.trim() });
      else
        finish({
          ok: false,
          code: 'AUTH_TOKEN_MISSING',
          description: 'The auth token provider returned no token.',
        });
    };
    const timer = setTimeout(
      () => finish(failed(`no token within ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    );
    try {
      const returned = provider(accept);
      if (isThenable(returned)) {
        returned.then(
          (token) => {
            if (token !== undefined) accept(token);
          },
          (error: unknown) => finish(failed(String(error))),
        );
      }
    } catch (error) {
      finish(failed(String(error)));
    }
  });
}
