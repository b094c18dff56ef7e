import { closeCodes } from '@beckon/protocol';
import { login } from '@beckon/test-kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type WebSocket from 'ws';
import { type Harness, hello, password, startHarness } from '../harness.ts';
import { closeOf, tryUpgrade } from './upgrade-client.ts';

/**
 * Sockets from one address are capped per kind (refused at the upgrade with 429 TOO_MANY_CONNECTIONS), and a
 * visitor socket that never says hello is closed on the node's clock. Real sockets, fake clock, no sleeping.
 */
const nodes: Harness[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await Promise.all(nodes.splice(0).map((h) => h.close()));
});

async function start(env: Record<string, string>): Promise<Harness> {
  const h = await startHarness({ env });
  nodes.push(h);
  return h;
}

async function opened(url: string, headers: Record<string, string>): Promise<WebSocket> {
  const outcome = await tryUpgrade(url, headers);
  if (!outcome.opened) throw new Error(`refused: ${outcome.status} ${JSON.stringify(outcome.body)}`);
  sockets.push(outcome.ws);
  return outcome.ws;
}

describe('sockets per address', () => {
  it('refuses the visitor socket over the cap with 429 TOO_MANY_CONNECTIONS, and admits again once one closes', async () => {
    const h = await start({ BECKON_MAX_VISITOR_SOCKETS_PER_ADDRESS: '3' });
    const url = `${h.wsUrl}/v1/visitor?key=demo`;
    const open = [];
    for (let i = 0; i < 3; i++) open.push(await opened(url, { origin: h.origin }));
    const refused = await tryUpgrade(url, { origin: h.origin });
    expect(refused).toMatchObject({
      opened: false,
      status: 429,
      body: { error: { code: 'TOO_MANY_CONNECTIONS' } },
    });

    open[0]!.close();
    await closeOf(open[0]!);
    // The server counts the socket down when its TCP connection has closed on its side too.
    await vi.waitFor(async () => {
      const again = await tryUpgrade(url, { origin: h.origin });
      if (again.opened) sockets.push(again.ws);
      expect(again.opened).toBe(true);
    });
  });

  it('counts each client behind a trusted proxy on its own (X-Forwarded-For), per socket kind', async () => {
    const h = await start({
      BECKON_MAX_VISITOR_SOCKETS_PER_ADDRESS: '1',
      BECKON_MAX_AGENT_SOCKETS_PER_ADDRESS: '1',
      BECKON_TRUST_PROXY: 'loopback',
    });
    const url = `${h.wsUrl}/v1/visitor?key=demo`;
    await opened(url, { origin: h.origin, 'x-forwarded-for': '203.0.113.1' });
    await opened(url, { origin: h.origin, 'x-forwarded-for': '203.0.113.2' });
    expect(await tryUpgrade(url, { origin: h.origin, 'x-forwarded-for': '203.0.113.1' })).toMatchObject({
      opened: false,
      status: 429,
    });
    // One IPv6 host's /64 counts as one address.
    await opened(url, { origin: h.origin, 'x-forwarded-for': '2001:db8:1:2::1' });
    expect(
      await tryUpgrade(url, { origin: h.origin, 'x-forwarded-for': '2001:db8:1:2::ffff' }),
    ).toMatchObject({
      opened: false,
      status: 429,
    });

    // The agent cap is separate from the visitor cap.
    const cookie = await login(h.url, 'agent@beckon.local', password);
    const agentHeaders = { cookie, origin: h.url, 'x-forwarded-for': '203.0.113.1' };
    await opened(`${h.wsUrl}/v1/agent`, agentHeaders);
    expect(await tryUpgrade(`${h.wsUrl}/v1/agent`, agentHeaders)).toMatchObject({
      opened: false,
      status: 429,
      body: { error: { code: 'TOO_MANY_CONNECTIONS' } },
    });
  });
});

describe('hello deadline', () => {
  it('closes a visitor socket that has not said hello within the deadline, with closeCodes.helloTimeout', async () => {
    const h = await start({ BECKON_HELLO_TIMEOUT_MS: '5000' });
    const silent = await opened(`${h.wsUrl}/v1/visitor?key=demo`, { origin: h.origin });
    const closed = closeOf(silent);
    // An invalid hello does not count as identifying.
    silent.send(JSON.stringify({ type: 'hello', page: { url: 'not a url' } }));
    await h.clock.advance(4_999);
    expect(silent.readyState).toBe(silent.OPEN);
    await h.clock.advance(1);
    expect(await closed).toBe(closeCodes.helloTimeout);
  });

  it('leaves a socket that said hello open past the deadline', async () => {
    const h = await start({ BECKON_HELLO_TIMEOUT_MS: '5000' });
    const ws = await opened(`${h.wsUrl}/v1/visitor?key=demo`, { origin: h.origin });
    const frames: string[] = [];
    ws.on('message', (data) => frames.push(JSON.parse(data.toString()).type));
    ws.send(JSON.stringify(hello(`${h.origin}/demo/index.html`)));
    await vi.waitFor(() => expect(frames).toContain('welcome'));
    await h.clock.advance(60_000);
    ws.send(JSON.stringify({ type: 'ping' }));
    await vi.waitFor(() => expect(frames).toContain('pong'));
    expect(ws.readyState).toBe(ws.OPEN);
  });
});
