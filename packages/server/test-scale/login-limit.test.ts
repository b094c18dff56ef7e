import { describe, expect, it } from 'vitest';
import { type Harness, password } from '../test/harness.ts';
import { useFakeClockCluster } from './fake-clock-cluster.ts';

/** The login rate limit is one budget per client across every node when Redis is configured. */
const t0 = Date.UTC(2026, 10, 24, 10, 0, 0);
const { startNode } = useFakeClockCluster(t0);

describe('login rate limit across nodes', () => {
  it('counts failed logins on one node against the same client on another', async () => {
    const a = await startNode();
    const b = await startNode();
    const login = (node: Harness, pw: string) =>
      fetch(`${node.url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'agent@beckon.local', password: pw }),
      }).then((response) => response.status);
    for (let i = 0; i < 10; i++) expect(await login(a, 'wrong-password')).toBe(401);
    // The eleventh attempt within the minute is refused wherever it lands, even with the right password.
    expect(await login(b, password)).toBe(429);
    expect(await login(a, password)).toBe(429);
  });
});
