import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { VisitorServerFrame } from '@beckon/protocol';
import { FakeClock, TestSocket } from '@beckon/test-kit';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MmdbGeo } from '../src/adapters/geo-mmdb/mmdb-geo.ts';
import { MemoryBus } from '../src/adapters/memory-bus/memory-bus.ts';
import { createSqliteStore } from '../src/adapters/sqlite/sqlite-store.ts';
import { type BeckonOptions, createBeckon } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Store } from '../src/ports/store.ts';
import { agent, type Harness, hello, password, visitor } from './harness.ts';
import { storedRows } from './stored-rows.ts';

/** Operations: graceful shutdown, readiness, and the client address behind proxies. Real sockets, SQLite. */
const dirs: string[] = [];
const open: Harness[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}, extra: Partial<BeckonOptions> = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'beckon-ops-'));
  dirs.push(dataDir);
  const clock = new FakeClock(Date.UTC(2026, 10, 24, 10, 0, 0));
  const errors: string[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => void errors.push(line) });
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    BECKON_DEMO_PASSWORD: password,
    ...env,
  });
  const node = await createBeckon({ config, clock, logger, ...extra });
  const { port, url } = await node.listen();
  const harness: Harness = {
    node,
    clock,
    url: `http://127.0.0.1:${port}`,
    origin: url,
    wsUrl: `ws://127.0.0.1:${port}`,
    demoWidgetId: (await node.store.getWidgetByKey('demo'))?.id ?? '',
    close: () => node.close(),
  };
  open.push(harness);
  return { h: harness, errors, dataDir };
}

const get = async (h: Harness, url: string) => {
  const response = await h.node.app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() };
};

describe('graceful shutdown', () => {
  it('turns readiness false first, turns new sockets away with 1013, and after the drain closes open ones with 1012', async () => {
    const { h } = await start();
    const v = await visitor(h);
    const a = await agent(h);
    let closed = false;
    const closing = h.node.close({ drainMs: 5_000 }).then(() => {
      closed = true;
    });

    expect(await get(h, '/readyz')).toEqual({ status: 503, body: { status: 'shutting-down' } });
    expect((await get(h, '/healthz')).status).toBe(200);
    const late = await TestSocket.connect(`${h.wsUrl}/v1/visitor?key=demo`, { origin: h.origin });
    expect((await late.closed).code).toBe(1013);
    // During the drain the open sockets keep working.
    v.send({ type: 'ping' });
    await v.next('pong');
    expect(a.isOpen).toBe(true);

    await h.clock.advance(4_999);
    expect(closed).toBe(false);
    expect(v.isOpen).toBe(true);
    await h.clock.advance(1);
    expect((await v.closed).code).toBe(1012);
    expect((await a.closed).code).toBe(1012);
    await closing;
    expect(closed).toBe(true);
  });

  it('lets frames already received finish their writes before the store closes', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'beckon-ops-'));
    dirs.push(dataDir);
    const sqlite = await createSqliteStore({ file: path.join(dataDir, 'beckon.sqlite') });
    // A store as slow as a busy network database: each message write takes 10 ms of real I/O wait.
    const store = new Proxy(sqlite, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (key === 'appendMessage') {
          return async (...args: Parameters<Store['appendMessage']>) => {
            await new Promise((resolve) => setTimeout(resolve, 10));
            return target.appendMessage(...args);
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const { h, errors } = await start({ DATA_DIR: dataDir }, { store });
    const v = await visitor(h);
    v.send({ type: 'chat.start' });
    const { conversation } = await v.next('conversation.update');
    const count = 30;
    for (let i = 0; i < count; i++)
      v.send({ type: 'message.send', clientMsgId: `m${i}`, text: `message ${i}` });
    await v.next('message.ack');
    await h.node.close();

    // All 30 frames reached the node before the first ack came back; every one was stored before the store
    // closed, and nothing failed because the store went away under a handler.
    expect(errors.filter((line) => line.includes('realtime frame failed'))).toEqual([]);
    const reopened: Store = await createSqliteStore({ file: path.join(dataDir, 'beckon.sqlite') });
    try {
      const stored = (await reopened.listMessages(conversation.id, 0)).filter((m) => m.author === 'visitor');
      expect(stored.map((m) => m.clientMsgId)).toEqual(Array.from({ length: count }, (_, i) => `m${i}`));
    } finally {
      await reopened.close();
    }
  });
});

describe('readiness', () => {
  it('/readyz answers 503 "starting" until the node has finished starting (demo seeded, node registered)', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'beckon-ops-'));
    dirs.push(dataDir);
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      BECKON_DEMO_PASSWORD: password,
    });
    const node = await createBeckon({ config, clock: new FakeClock(Date.UTC(2026, 10, 24, 10, 0, 0)) });
    try {
      const before = await node.app.inject({ method: 'GET', url: '/readyz' });
      expect({ status: before.statusCode, body: before.json() }).toEqual({
        status: 503,
        body: { status: 'starting' },
      });
      expect((await node.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      await node.listen();
      const after = await node.app.inject({ method: 'GET', url: '/readyz' });
      expect({ status: after.statusCode, body: after.json() }).toEqual({
        status: 200,
        body: { status: 'ready' },
      });
      expect(await node.store.findUserByEmail('admin@beckon.local')).toBeDefined();
    } finally {
      await node.close();
    }
  });

  it('/readyz needs the store and the bus; /healthz is liveness only', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'beckon-ops-'));
    dirs.push(dataDir);
    const sqlite = await createSqliteStore({ file: path.join(dataDir, 'probe.sqlite') });
    let storeDown = false;
    let busDown = false;
    const store = new Proxy(sqlite, {
      get(target, key, receiver) {
        if (key === 'countUsers' && storeDown) return () => Promise.reject(new Error('connection refused'));
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    class FlakyBus extends MemoryBus {
      override async ping(): Promise<void> {
        if (busDown) throw new Error('bus down');
      }
    }
    const { h } = await start({}, { store, bus: new FlakyBus() });

    expect(await get(h, '/readyz')).toEqual({ status: 200, body: { status: 'ready' } });
    storeDown = true;
    expect(await get(h, '/readyz')).toEqual({ status: 503, body: { status: 'store-unreachable' } });
    expect(await get(h, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    storeDown = false;
    busDown = true;
    expect(await get(h, '/readyz')).toEqual({ status: 503, body: { status: 'bus-unreachable' } });
    expect((await get(h, '/healthz')).status).toBe(200);
    busDown = false;
    expect((await get(h, '/readyz')).status).toBe(200);
  });
});

describe('BECKON_TRUST_PROXY', () => {
  const login = (h: Harness, forwardedFor: string) =>
    h.node.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { email: 'nobody@beckon.local', password: 'wrong-password' },
    });

  it('off by default: X-Forwarded-For is ignored, so one peer shares one rate-limit budget', async () => {
    const { h } = await start();
    for (let i = 0; i < 10; i++) expect((await login(h, '198.51.100.1')).statusCode).toBe(401);
    expect((await login(h, '198.51.100.1')).statusCode).toBe(429);
    expect((await login(h, '198.51.100.2')).statusCode).toBe(429);
  });

  it('with one trusted hop, rate limits count per forwarded client', async () => {
    const { h } = await start({ BECKON_TRUST_PROXY: '1' });
    for (let i = 0; i < 10; i++) expect((await login(h, '198.51.100.1')).statusCode).toBe(401);
    expect((await login(h, '198.51.100.1')).statusCode).toBe(429);
    expect((await login(h, '198.51.100.2')).statusCode).toBe(401);
  });

  it('locates the visitor from the forwarded address only when the proxy is trusted', async () => {
    const geo = await MmdbGeo.open();
    const clientIp = '8.8.8.8';
    expect(geo.locate(clientIp).country).toBeDefined();
    const locationOf = async (h: Harness) => {
      const socket = await TestSocket.connect<VisitorServerFrame>(`${h.wsUrl}/v1/visitor?key=demo`, {
        origin: h.origin,
        'x-forwarded-for': clientIp,
      });
      socket.send(hello(`${h.origin}/demo/`));
      await socket.next('welcome');
      socket.send({ type: 'chat.start' });
      const { conversation } = await socket.next('conversation.update');
      await socket.close();
      return (await h.node.store.getConversation(conversation.id))?.context.location;
    };
    // The proxy is on loopback here, so a CIDR list naming it is trusted; without the setting the peer counts.
    const trusted = await start({ BECKON_TRUST_PROXY: '127.0.0.1/8, ::1' });
    expect(await locationOf(trusted.h)).toEqual(geo.locate(clientIp));
    const untrusted = await start();
    expect(await locationOf(untrusted.h)).toEqual(geo.locate('127.0.0.1'));
  });
});

describe('node liveness on one node', () => {
  it('records the agent socket while it is open', async () => {
    const { h, dataDir } = await start();
    const connected = () => storedRows<{ user_id: string }>(dataDir, 'SELECT user_id FROM agent_connections');
    const a = await agent(h);
    expect(connected()).toHaveLength(1);
    await a.close();
    await vi.waitFor(() => expect(connected()).toEqual([]));
  });
});
