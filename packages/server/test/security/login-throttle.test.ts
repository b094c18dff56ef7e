import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginBackoff } from '../../src/transport/http/login-throttle.ts';
import { type Harness, password, startHarness } from '../harness.ts';

/**
 * Consecutive failed sign-ins for one email slow that email down exponentially, from any address, on the node's
 * clock; an unknown email gets exactly the same answers. Each attempt comes from its own address (behind a trusted
 * proxy) so the per-address limit never decides.
 */
let h: Harness;
let address = 0;
beforeAll(async () => {
  h = await startHarness({ env: { BECKON_TRUST_PROXY: 'loopback' } });
});
afterAll(() => h.close());

async function attempt(email: string, pw: string) {
  address++;
  const response = await fetch(`${h.url}/v1/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': `198.51.${Math.floor(address / 250)}.${address % 250}`,
    },
    body: JSON.stringify({ email, password: pw }),
  });
  const body = (await response.json()) as { error?: { code: string } };
  return { status: response.status, code: body.error?.code, retryAfter: response.headers.get('retry-after') };
}

/** The answers to a streak of failures, waiting out each lock on the fake clock. */
async function streak(email: string): Promise<unknown[]> {
  const seen: unknown[] = [];
  for (let i = 0; i <= loginBackoff.freeAttempts; i++) seen.push(await attempt(email, 'wrong-password'));
  for (const waitMs of [1_000, 2_000, 4_000]) {
    seen.push(await attempt(email, password));
    await h.clock.advance(waitMs - 1);
    seen.push(await attempt(email, password));
    await h.clock.advance(1);
    seen.push(await attempt(email, 'wrong-password'));
  }
  return seen;
}

describe('per-account login throttling', () => {
  it('locks an email after consecutive failures, doubling the wait, even for the right password', async () => {
    const seen = await streak('agent@beckon.local');
    const failed = { status: 401, code: 'INVALID_CREDENTIALS', retryAfter: null };
    const locked = (seconds: number) => ({
      status: 429,
      code: 'LOGIN_THROTTLED',
      retryAfter: String(seconds),
    });
    // The free failures and the first one past them are answered at once.
    const free = loginBackoff.freeAttempts + 1;
    expect(seen.slice(0, free)).toEqual(Array(free).fill(failed));
    expect(seen.slice(free)).toEqual([
      locked(1),
      locked(1),
      failed,
      locked(2),
      locked(1),
      failed,
      locked(4),
      locked(1),
      failed,
    ]);
    // After the lock, the right password signs in and clears the streak.
    await h.clock.advance(8_000);
    expect((await attempt('agent@beckon.local', password)).status).toBe(200);
    expect(await attempt('agent@beckon.local', 'wrong-password')).toEqual(failed);
  });

  it('answers an unknown email exactly as a known one', async () => {
    const known = await streak('supervisor@beckon.local');
    const unknown = await streak('nobody-here@beckon.local');
    expect(unknown).toEqual(known);
  });

  it('leaves other accounts alone while one is locked', async () => {
    for (let i = 0; i <= loginBackoff.freeAttempts; i++)
      await attempt('admin@beckon.local', 'wrong-password');
    expect((await attempt('admin@beckon.local', password)).status).toBe(429);
    expect((await attempt('agent@beckon.local', password)).status).toBe(200);
  });

  it('treats the email case-insensitively', async () => {
    await h.clock.advance(60 * 60_000);
    for (let i = 0; i <= loginBackoff.freeAttempts; i++)
      await attempt('Agent@Beckon.Local', 'wrong-password');
    expect((await attempt('agent@beckon.local', password)).code).toBe('LOGIN_THROTTLED');
  });
});
