import type { AgentServerFrame } from '@beckon/protocol';
import { login, TestSocket } from '@beckon/test-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, password, startHarness } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());

async function presenceAtSignIn(email: string) {
  const cookie = await login(h.url, email, password);
  const socket = await TestSocket.connect<AgentServerFrame>(`${h.wsUrl}/v1/agent`, { cookie, origin: h.url });
  const state = await socket.next('agent.state');
  socket.close();
  return state.presence;
}

describe('the demo seed', () => {
  it('signs the demo agent in Available, so a newcomer’s first chat reaches them; others start Offline', async () => {
    h = await startHarness({ keepDemoPresence: true });
    expect(await presenceAtSignIn('agent@beckon.local')).toBe('available');
    expect(await presenceAtSignIn('agent2@beckon.local')).toBe('offline');
    expect(await presenceAtSignIn('admin@beckon.local')).toBe('offline');
  });
});
