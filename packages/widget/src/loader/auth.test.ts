import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { requestToken } from './auth.ts';

describe('requestToken', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('resolves with the token passed to the callback', async () => {
    await expect(requestToken((cb) => cb(' jwt.token.here '), 10_000)).resolves.toEqual({
      ok: true,
      token: 'jwt.token.here',
    });
  });

  it('accepts a provider that returns a promise', async () => {
    await expect(requestToken(async () => 'a.b.c', 10_000)).resolves.toEqual({ ok: true, token: 'a.b.c' });
  });

  it('reports a missing token (SDK error 3)', async () => {
    await expect(requestToken((cb) => cb(''), 10_000)).resolves.toMatchObject({ code: 'AUTH_TOKEN_MISSING' });
    await expect(requestToken((cb) => cb(null), 10_000)).resolves.toMatchObject({
      code: 'AUTH_TOKEN_MISSING',
    });
  });

  it('reports a provider that throws or rejects (SDK error 2)', async () => {
    const thrown = requestToken(() => {
      throw new Error('boom');
    }, 10_000);
    await expect(thrown).resolves.toMatchObject({ ok: false, code: 'AUTH_TOKEN_PROVIDER_FAILED' });
    const rejected = requestToken(() => Promise.reject(new Error('nope')), 10_000);
    await expect(rejected).resolves.toMatchObject({ code: 'AUTH_TOKEN_PROVIDER_FAILED' });
  });

  it('gives up after the timeout and ignores a late callback', async () => {
    let late: ((token?: string | null) => void) | undefined;
    const result = requestToken((cb) => {
      late = cb;
    }, 10_000);
    vi.advanceTimersByTime(9_999);
    vi.advanceTimersByTime(1);
    late?.('too.late.token');
    await expect(result).resolves.toMatchObject({ ok: false, code: 'AUTH_TOKEN_PROVIDER_FAILED' });
  });
});
