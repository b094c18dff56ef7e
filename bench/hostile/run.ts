/**
 * Hostile-frame benchmark (docs/performance.md, "Hostile frames"). Run with `npm run bench:hostile`. One real node
 * runs in its own process; this process sends it the worst frames of each type on both sockets (frames.ts), each
 * BENCH_REPEAT times, and reports per frame type the largest event-loop stall inside the node
 * (monitorEventLoopDelay), its CPU time per frame and the error bytes sent back, beside a valid frame of the same
 * type in the same run, and the machine's load average.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { login } from '@beckon/test-kit';
import WebSocket from 'ws';
import { type HostileCase, hostileCases } from './frames.ts';
import type { FromNode, ToNode } from './node-process.ts';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const PASSWORD = 'bench-password-1';
const here = path.dirname(new URL(import.meta.url).pathname);
const log = (line: string) => process.stdout.write(`${line}\n`);

function nextMessage<K extends FromNode['type']>(
  child: ChildProcess,
  type: K,
): Promise<Extract<FromNode, { type: K }>> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`node exited (${code})`));
    const onMessage = (message: FromNode) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as Extract<FromNode, { type: K }>);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

function ask<K extends FromNode['type']>(child: ChildProcess, message: ToNode, type: K) {
  const answer = nextMessage(child, type);
  child.send(message);
  return answer;
}

interface Client {
  ws: WebSocket;
  /** Bytes of every frame but `pong` received since the last call, once a pong (or the close) arrives. */
  roundTrip(frame: string): Promise<{ errorBytes: number; closed?: number }>;
}

async function open(url: string, headers: Record<string, string>, ready?: { send: string; until: string }) {
  const ws = new WebSocket(url, { headers, perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const inbox: { type: string; bytes: number }[] = [];
  let wake: (() => void) | undefined;
  let closed: number | undefined;
  ws.on('message', (data: Buffer) => {
    inbox.push({ type: (JSON.parse(data.toString()) as { type: string }).type, bytes: data.byteLength });
    wake?.();
  });
  ws.on('close', (code) => {
    closed = code;
    wake?.();
  });
  const waitFor = async (type: string) => {
    for (;;) {
      const at = inbox.findIndex((m) => m.type === type);
      if (at >= 0) return inbox.splice(0, at + 1);
      if (closed !== undefined) return inbox.splice(0);
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  };
  if (ready) {
    if (ready.send) ws.send(ready.send);
    await waitFor(ready.until);
  }
  const client: Client = {
    ws,
    async roundTrip(frame) {
      ws.send(frame);
      if (ws.readyState === WebSocket.OPEN) ws.send('{"type":"ping"}');
      const got = await waitFor('pong');
      const errorBytes = got.filter((m) => m.type === 'error').reduce((sum, m) => sum + m.bytes, 0);
      return { errorBytes, closed };
    },
  };
  return client;
}

interface Row {
  stallMs: number;
  cpuMs: number;
  errorBytes: number;
  closed?: number;
}

async function measure(node: ChildProcess, c: HostileCase, frame: string, connect: () => Promise<Client>) {
  const clients: Client[] = [];
  if (!c.fresh) clients.push(await connect());
  await ask(node, { type: 'mark' }, 'marked');
  let errorBytes = 0;
  let closed: number | undefined;
  for (let i = 0; i < REPEAT; i++) {
    let client = clients[0];
    if (c.fresh || !client || client.ws.readyState !== WebSocket.OPEN) {
      client = await connect();
      clients.push(client);
    }
    const result = await client.roundTrip(frame);
    errorBytes += result.errorBytes;
    closed = result.closed ?? closed;
  }
  const { maxStallMs, cpuMs } = await ask(node, { type: 'measure' }, 'measured');
  for (const client of clients) client.ws.terminate();
  return {
    stallMs: maxStallMs,
    cpuMs: cpuMs / REPEAT,
    errorBytes: errorBytes / REPEAT,
    closed,
  } satisfies Row;
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'beckon-hostile-'));
const node = fork(path.join(here, 'node-process.ts'), [], {
  execArgv: ['--import', 'tsx'],
  env: {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    BECKON_SEED_DEMO: 'true',
    BECKON_DEMO_PASSWORD: PASSWORD,
  },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
try {
  const { port } = await nextMessage(node, 'ready');
  const httpUrl = `http://127.0.0.1:${port}`;
  const wsUrl = `ws://127.0.0.1:${port}`;
  const cookie = await login(httpUrl, 'agent@beckon.local', PASSWORD);
  const visitorHeaders = { origin: `http://localhost:${port}` };
  const smallHello = JSON.stringify({
    type: 'hello',
    page: { url: `http://localhost:${port}/demo/index.html`, title: 'Bench' },
    language: 'en-GB',
    device: { type: 'desktop', browser: 'Chrome', os: 'Linux' },
  });
  const connect = (c: HostileCase) => () =>
    c.socket === 'agent'
      ? open(`${wsUrl}/v1/agent`, { cookie, origin: httpUrl }, { send: '', until: 'agent.state' })
      : c.fresh
        ? open(`${wsUrl}/v1/visitor?key=demo`, visitorHeaders)
        : open(`${wsUrl}/v1/visitor?key=demo`, visitorHeaders, { send: smallHello, until: 'welcome' });

  const loadBefore = os.loadavg();
  log(
    `Hostile frames: ${REPEAT} of each, one node (SQLite), ${os.cpus().length} cores, Node ${process.version}`,
  );
  log('');
  log('| socket | frame | bytes | stall max (valid) | CPU/frame (valid) | error bytes/frame (valid) |');
  log('| --- | --- | ---: | ---: | ---: | ---: |');
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  for (const c of hostileCases()) {
    const valid = await measure(node, c, c.baseline, connect(c));
    const worst = await measure(node, c, c.hostile, connect(c));
    const closedNote = worst.closed ? ` (closed ${worst.closed})` : '';
    log(
      `| ${c.socket} | ${c.name} | ${Buffer.byteLength(c.hostile).toLocaleString('en')} | ${ms(worst.stallMs)} (${ms(valid.stallMs)}) | ${ms(worst.cpuMs)} (${ms(valid.cpuMs)}) | ${Math.round(worst.errorBytes)}${closedNote} (${Math.round(valid.errorBytes)}) |`,
    );
  }
  const loadAfter = os.loadavg();
  log('');
  log(`Load average (1 min) before ${loadBefore[0]!.toFixed(2)}, after ${loadAfter[0]!.toFixed(2)}.`);
} finally {
  const exited = new Promise((resolve) => node.once('exit', resolve));
  node.send({ type: 'stop' } satisfies ToNode);
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (node.exitCode === null) node.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
}
