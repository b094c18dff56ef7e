import type { CreatedApiToken } from '@beckon/protocol';
import { login } from '@beckon/test-kit';
import { describe, expect, it } from 'vitest';
import { api } from '../test/api.ts';
import { type Harness, password } from '../test/harness.ts';
import { useFakeClockCluster } from './fake-clock-cluster.ts';

/** An API token's rate limit is one budget across every node when Redis is configured. */
const t0 = Date.UTC(2026, 10, 24, 10, 0, 0);
const { startNode } = useFakeClockCluster(t0);

describe('API token rate limit across nodes', () => {
  it('counts requests on one node against the same token on another', async () => {
    const limit = { BECKON_API_TOKEN_RATE_LIMIT: '40' };
    const a = await startNode(limit);
    const b = await startNode(limit);
    const admin = await login(a.url, 'admin@beckon.local', password);
    const created = await api<CreatedApiToken>(a, admin, 'POST', '/v1/api-tokens', {
      name: 'Warehouse',
      scopes: ['widgets:read'],
    });
    expect(created.status).toBe(201);
    const call = (node: Harness) =>
      fetch(`${node.url}/v1/queues`, { headers: { authorization: `Bearer ${created.body.token}` } }).then(
        async (response) => ({ status: response.status, body: await response.text() }),
      );
    // Half the budget on each node: neither alone is near its limit.
    for (let i = 0; i < 20; i++) {
      expect((await call(a)).status).toBe(200);
      expect((await call(b)).status).toBe(200);
    }
    for (const node of [a, b]) {
      const refused = await call(node);
      expect(refused.status).toBe(429);
      expect(refused.body).toContain('API_TOKEN_RATE_LIMITED');
    }
  });
});
