import { type AgentServerFrame, closeCodes, type VisitorServerFrame } from '@beckon/protocol';
import { login, TestSocket } from '@beckon/test-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, hello, password, startHarness, visitor } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('protocol version in hello', () => {
  it('accepts version 1 and an absent version', async () => {
    const v = await visitor(h, undefined, { protocolVersion: 1 });
    expect(v.all('welcome')).toHaveLength(1);
    await v.close();
  });

  it('answers an unsupported version with its error and close code, before any welcome', async () => {
    const socket = await TestSocket.connect<VisitorServerFrame>(`${h.wsUrl}/v1/visitor?key=demo`, {
      origin: h.origin,
    });
    socket.send(hello(`${h.origin}/demo/pricing.html`, { protocolVersion: 2 }));
    const error = await socket.next('error');
    expect(error).toMatchObject({ code: 'PROTOCOL_VERSION_UNSUPPORTED', ref: 'hello' });
    expect((await socket.closed).code).toBe(closeCodes.unsupportedProtocol);
    expect(socket.all('welcome')).toHaveLength(0);
  });
});

describe('protocol version on the agent socket', () => {
  it('accepts ?protocol=1 and no version', async () => {
    const cookie = await login(h.url, 'agent@beckon.local', password);
    for (const path of ['/v1/agent?protocol=1', '/v1/agent']) {
      const socket = await TestSocket.connect<AgentServerFrame>(`${h.wsUrl}${path}`, {
        cookie,
        origin: h.url,
      });
      await socket.next('agent.state');
      await socket.close();
    }
  });

  it('answers an unsupported version with its error and close code instead of agent.state', async () => {
    const cookie = await login(h.url, 'agent@beckon.local', password);
    for (const version of ['2', 'x']) {
      const socket = await TestSocket.connect<AgentServerFrame>(`${h.wsUrl}/v1/agent?protocol=${version}`, {
        cookie,
        origin: h.url,
      });
      expect(await socket.next('error')).toMatchObject({ code: 'PROTOCOL_VERSION_UNSUPPORTED' });
      expect((await socket.closed).code).toBe(closeCodes.unsupportedProtocol);
      expect(socket.all('agent.state')).toHaveLength(0);
    }
  });
});
