import { login } from '@beckon/test-kit';
import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { ConsoleOrigins } from '../../src/transport/console-origins.ts';
import { isConsoleOrigin } from '../../src/transport/realtime/upgrade.ts';
import { type Harness, password, startHarness } from '../harness.ts';
import { tryUpgrade } from './upgrade-client.ts';

/**
 * The agent socket rides the SameSite=Lax session cookie, which a browser also sends from another port or a
 * sibling subdomain: the upgrade is refused unless Origin is the console's own. Real sockets.
 */
const nodes: Harness[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await Promise.all(nodes.splice(0).map((h) => h.close()));
});

async function upgradeAs(h: Harness, headers: Record<string, string>) {
  const cookie = await login(h.url, 'agent@beckon.local', password);
  const outcome = await tryUpgrade(`${h.wsUrl}/v1/agent`, { cookie, ...headers });
  if (outcome.opened) sockets.push(outcome.ws);
  return outcome;
}

const refused = { opened: false, status: 403, body: { error: { code: 'ORIGIN_NOT_ALLOWED' } } };

describe('agent socket origin', () => {
  it('refuses a forged origin (another port, a sibling subdomain) and a missing one, even with a valid cookie', async () => {
    const h = await start();
    const port = new URL(h.url).port;
    expect(await upgradeAs(h, { origin: `http://127.0.0.1:${Number(port) + 1}` })).toMatchObject(refused);
    expect(await upgradeAs(h, { origin: 'https://evil.beckon.example' })).toMatchObject(refused);
    expect(await upgradeAs(h, { origin: 'null' })).toMatchObject(refused);
    expect(await upgradeAs(h, {})).toMatchObject(refused);
  });

  it("accepts the node's own host, BECKON_PUBLIC_URL and BECKON_CONSOLE_ORIGINS", async () => {
    const h = await start({
      BECKON_PUBLIC_URL: 'https://chat.beckon.example',
      BECKON_CONSOLE_ORIGINS: 'https://console.beckon.example, https://ops.beckon.example:8443',
    });
    for (const origin of [
      h.url,
      'https://chat.beckon.example',
      'https://console.beckon.example',
      'https://ops.beckon.example:8443',
    ]) {
      expect(await upgradeAs(h, { origin }), origin).toMatchObject({ opened: true });
    }
    expect(await upgradeAs(h, { origin: 'https://ops.beckon.example' })).toMatchObject(refused);
    expect(await upgradeAs(h, { origin: 'http://console.beckon.example' })).toMatchObject(refused);
  });

  it('leaves the visitor socket to its widget allow-list', async () => {
    const h = await start();
    const outcome = await tryUpgrade(`${h.wsUrl}/v1/visitor?key=demo`, { origin: h.origin });
    if (outcome.opened) sockets.push(outcome.ws);
    expect(outcome.opened).toBe(true);
  });
});

describe('isConsoleOrigin', () => {
  const config = ConsoleOrigins.fromConfig({
    publicUrl: 'https://chat.example.com/',
    consoleOrigins: ['https://console.example.com'],
  });
  it('matches the host, the public URL and the list, and nothing else', () => {
    expect(isConsoleOrigin('https://node.internal:3000', 'node.internal:3000', config)).toBe(true);
    expect(isConsoleOrigin('https://chat.example.com', 'node.internal', config)).toBe(true);
    expect(isConsoleOrigin('https://console.example.com', 'node.internal', config)).toBe(true);
    expect(isConsoleOrigin('https://node.internal:3001', 'node.internal:3000', config)).toBe(false);
    expect(isConsoleOrigin('https://www.example.com', 'chat.example.com', config)).toBe(false);
    expect(isConsoleOrigin('chrome-extension://abc', 'abc', config)).toBe(false);
    expect(isConsoleOrigin(undefined, 'node.internal', config)).toBe(false);
    expect(isConsoleOrigin('not a url', 'node.internal', config)).toBe(false);
  });
});

async function start(env: Record<string, string> = {}): Promise<Harness> {
  const h = await startHarness({ env });
  nodes.push(h);
  return h;
}
