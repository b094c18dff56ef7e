import { closeCodes, type ErasureResult } from '@beckon/protocol';
import { login } from '@beckon/test-kit';
import { describe, expect, it } from 'vitest';
import { api } from '../test/api.ts';
import { password, visitor } from '../test/harness.ts';
import { useFakeClockCluster } from './fake-clock-cluster.ts';
import { closeCodeWithin } from './waiting.ts';

/**
 * Erasure closes the person's sockets wherever they are: the admin erases on node A, the visitor's tabs are on
 * nodes A and B, and the erasure crosses Redis to close both with `closeCodes.erased`.
 */
const cluster = useFakeClockCluster(Date.UTC(2026, 10, 24, 10, 0, 0));

describe('visitor erasure across nodes', () => {
  it("closes the erased visitor's tabs on both nodes, and leaves another visitor connected", async () => {
    const a = await cluster.startNode();
    const b = await cluster.startNode();
    const tabOnA = await visitor(a);
    const visitorId = tabOnA.all('welcome')[0]?.visitorId ?? '';
    const tabOnB = await visitor(b, undefined, { visitorId });
    const other = await visitor(b);

    const admin = await login(a.url, 'admin@beckon.local', password);
    const erased = await api<ErasureResult>(a, admin, 'DELETE', `/v1/visitors/${visitorId}`);
    expect(erased.status).toBe(200);
    expect(erased.body.erased.visitors).toBe(1);
    expect(await closeCodeWithin(tabOnB, 1000)).toBe(closeCodes.erased);
    expect(await closeCodeWithin(tabOnA, 1000)).toBe(closeCodes.erased);
    other.send({ type: 'ping' });
    await other.next('pong');
    expect(other.isOpen).toBe(true);
    await other.close();
  });
});
