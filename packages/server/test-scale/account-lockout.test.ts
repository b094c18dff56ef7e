import { type AgentServerFrame, closeCodes } from '@beckon/protocol';
import { login, TestSocket } from '@beckon/test-kit';
import { describe, expect, it } from 'vitest';
import { api, userIdOf } from '../test/api.ts';
import { password } from '../test/harness.ts';
import { useFakeClockCluster } from './fake-clock-cluster.ts';
import { closeCodeWithin } from './waiting.ts';

/**
 * An account locked on one node is locked on all: the admin acts on node A, the user's console socket is on
 * node B, and the end of the session crosses Redis to close it within a second.
 */
const cluster = useFakeClockCluster(Date.UTC(2026, 10, 24, 10, 0, 0));

describe('account lockout across nodes', () => {
  it("closes the user's socket on node B when an admin disables them on node A", async () => {
    const a = await cluster.startNode();
    const b = await cluster.startNode();
    const cookie = await login(b.url, 'agent@beckon.local', password);
    const socket = await TestSocket.connect<AgentServerFrame>(`${b.wsUrl}/v1/agent`, {
      cookie,
      origin: b.url,
    });
    await socket.next('agent.state');

    const admin = await login(a.url, 'admin@beckon.local', password);
    const id = await userIdOf(a, 'agent@beckon.local');
    const answer = await api(a, admin, 'PUT', `/v1/users/${id}/status`, { status: 'disabled' });
    expect(answer.status).toBe(200);
    expect(await closeCodeWithin(socket, 1000)).toBe(closeCodes.sessionEnded);
    // The session is gone from the shared store: node B refuses the old cookie too.
    expect((await api(b, cookie, 'GET', '/v1/auth/me')).status).toBe(401);
  });

  it('signing out on node A closes that session’s socket on node B', async () => {
    const a = await cluster.startNode();
    const b = await cluster.startNode();
    const cookie = await login(a.url, 'agent@beckon.local', password);
    const socket = await TestSocket.connect<AgentServerFrame>(`${b.wsUrl}/v1/agent`, {
      cookie,
      origin: b.url,
    });
    await socket.next('agent.state');
    expect((await api(a, cookie, 'POST', '/v1/auth/logout')).status).toBe(204);
    expect(await closeCodeWithin(socket, 1000)).toBe(closeCodes.sessionEnded);
  });
});
