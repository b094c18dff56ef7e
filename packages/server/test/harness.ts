import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AgentServerFrame, VisitorServerFrame } from '@beckon/protocol';
import { FakeClock, login, TestSocket, visitorSecrets } from '@beckon/test-kit';
import { type Logger, pino } from 'pino';
import { type BeckonNode, createBeckon } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

export const password = 'test-password-1';

export interface Harness {
  node: BeckonNode;
  clock: FakeClock;
  url: string;
  origin: string;
  wsUrl: string;
  demoWidgetId: string;
  /** Where a single SQLite node keeps its database (absent for nodes on PostgreSQL). */
  dataDir?: string;
  /** `/metrics`, when the node was started with BECKON_METRICS_PORT. */
  metricsUrl?: string;
  close(): Promise<void>;
}

/** A real node (HTTP + WebSockets + SQLite file) on an ephemeral port, with a fake clock and the demo seed. */
export async function startHarness(
  options: {
    env?: Record<string, string>;
    logger?: Logger;
    /** The seed makes the demo agent Available; tests start with everyone Offline unless they keep that. */
    keepDemoPresence?: boolean;
    /**
     * Keep the demo widget's "invite only when someone can answer" (on by default). Off unless asked: with
     * everyone Offline it would veto every invitation, and most tests exercise other things.
     */
    keepAnswerableGate?: boolean;
  } = {},
): Promise<Harness> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'beckon-test-'));
  const clock = new FakeClock(Date.UTC(2026, 10, 24, 10, 0, 0));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    BECKON_DEMO_PASSWORD: password,
    ...options.env,
  });
  const node = await createBeckon({ config, clock, logger: options.logger ?? pino({ level: 'silent' }) });
  const { port, url, metricsUrl } = await node.listen();
  const widget = await node.store.getWidgetByKey('demo');
  const demoAgent = await node.store.findUserByEmail('agent@beckon.local');
  if (!options.keepDemoPresence && demoAgent)
    await node.store.setPresence(demoAgent.id, 'offline', clock.now());
  if (!options.keepAnswerableGate && widget)
    await node.store.updateWidget({ ...widget, inviteOnlyWhenAnswerable: false });
  return {
    node,
    clock,
    url: `http://127.0.0.1:${port}`,
    origin: url,
    wsUrl: `ws://127.0.0.1:${port}`,
    demoWidgetId: widget!.id,
    dataDir,
    metricsUrl,
    async close() {
      await node.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A hello; naming a visitor a test socket created, it carries that visitor's secret as the widget would. */
export function hello(url: string, extra: Record<string, unknown> = {}) {
  const secret = typeof extra.visitorId === 'string' ? visitorSecrets.get(extra.visitorId) : undefined;
  return {
    ...(secret && { secret }),
    type: 'hello',
    page: { url, title: 'Page' },
    language: 'en-GB',
    timeZone: 'Europe/London',
    device: { type: 'desktop', browser: 'Chrome', os: 'Linux' },
    ...extra,
  };
}

/** A visitor socket on the demo widget that has said hello and received its welcome. */
export async function visitor(
  h: Harness,
  pageUrl = `${h.origin}/demo/pricing.html`,
  extra: Record<string, unknown> = {},
): Promise<TestSocket<VisitorServerFrame>> {
  const socket = await TestSocket.connect<VisitorServerFrame>(`${h.wsUrl}/v1/visitor?key=demo`, {
    origin: h.origin,
  });
  socket.send(hello(pageUrl, extra));
  await socket.next('welcome');
  return socket;
}

/** A signed-in agent socket with presence set. */
export async function agent(
  h: Harness,
  email = 'agent@beckon.local',
  presence: 'available' | 'offline' = 'available',
): Promise<TestSocket<AgentServerFrame>> {
  const cookie = await login(h.url, email, password);
  const socket = await TestSocket.connect<AgentServerFrame>(`${h.wsUrl}/v1/agent`, { cookie, origin: h.url });
  await socket.next('agent.state');
  socket.send({ type: 'presence.set', status: presence });
  await socket.next('presence');
  return socket;
}
