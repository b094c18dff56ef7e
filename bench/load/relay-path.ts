/**
 * The relay's path inside one node, without the network (docs/performance.md, "Relay round 13"): the real node
 * (`createBeckon` on SQLite, its services, its durable batches and log flushes), with 1,000 visitors and 20 agents
 * connected in this process through the same frame channels and connections as the gateways build, over fake
 * sockets that hand frames over as text. BENCH_PATH_RATE (5,000) messages a second, paced every 10 ms, each from
 * a visitor whose last message was acknowledged; the agents get every copy. The database is in /dev/shm where
 * there is one. CPU per message over BENCH_PATH_WINDOWS (5) windows of 3 s, all of the process's threads: the
 * node's JavaScript and SQLite, no socket system calls, no client processes, no disk, the same batches for every
 * checkout (the fake clients' own share is a few µs). One process that opens its chats in seconds: the path to
 * profile (`node --cpu-prof --import tsx …`). On a shared machine its figures move as much as the closed loop's
 * (±15 % between runs of one checkout), so compare checkouts over several alternating runs.
 *
 *   node --import tsx bench/load/relay-path.ts [checkout]   (default: this one; run it once per checkout)
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { agentClientFrameSchema, protocolVersion, visitorClientFrameSchema } from '@beckon/protocol';
import { login } from '@beckon/test-kit';
import { pino } from 'pino';
import type { WidgetRow } from '../../packages/server/src/ports/store.ts';

const tree = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../..'));
const from = (file: string) => import(path.join(tree, 'packages/server/src', file));

const CONVERSATIONS = 1000;
const AGENT_CAPACITY = 50;
const WINDOWS = Number(process.env.BENCH_PATH_WINDOWS ?? 5);
const WINDOW_MS = 3000;
const WARMUP_MS = 5000;
const PASSWORD = 'relay-path-bench-1';
const ORIGIN = 'http://bench.example';
const TEXT = 'x'.repeat(100);
/** Messages per second asked of the node, spread over its visitors. */
const RATE = Number(process.env.BENCH_PATH_RATE ?? 5000);

// In memory where the machine has it: a log flush then costs nothing and takes no time, so the disk's moods
// change neither the CPU nor how the messages fall into batches.
const dataDir = mkdtempSync(
  path.join(existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'beckon-relay-path-'),
);
Object.assign(process.env, {
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  BECKON_SEED_DEMO: 'true',
  BECKON_DEMO_PASSWORD: PASSWORD,
  DATA_DIR: dataDir,
});
const { createBeckon } = await from('app.ts');
const { loadConfigFromProcess } = await from('config.ts');
const { VisitorConnections } = await from('application/visitor-connections.ts');
const { AgentConnection } = await from('application/agent-connection.ts');
const { FrameChannel, frameTypes } = await from('transport/realtime/frame-channel.ts');
const { SocketPeer } = await from('transport/realtime/socket-peer.ts');

/** What `FrameChannel` and `SocketPeer` use of a `ws` socket: frames in as events, frames out as text. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  constructor(private readonly onText: (text: string) => void) {
    super();
  }
  send(text: string): void {
    this.onText(text);
  }
  close(): void {
    if (this.readyState !== 1) return;
    this.readyState = 3;
    this.emit('close');
  }
  /** A client frame, as `ws` hands it over. */
  receive(frame: unknown): void {
    this.emit('message', Buffer.from(JSON.stringify(frame)), false);
  }
}

const logger = pino({ level: 'warn' });
const report = (error: unknown, message: string) => logger.warn({ err: error }, message);
const node = await createBeckon({ config: loadConfigFromProcess(), logger });
const { url } = await node.listen();

async function api<T>(cookie: string, route: string, body: unknown): Promise<T> {
  const response = await fetch(`${url}${route}`, {
    method: 'POST',
    headers: { cookie, origin: new URL(url).origin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const cookie = await login(url, 'admin@beckon.local', PASSWORD);
const { id: queueId } = await api<{ id: string }>(cookie, '/v1/queues', {
  name: 'Path bench',
  memberIds: [],
});
const { id: widgetId } = await api<{ id: string }>(cookie, '/v1/widgets', {
  name: 'Path bench',
  proactiveEnabled: false,
  allowedOrigins: [ORIGIN],
  queueId,
});
const widget = (await node.store.getWidget(widgetId)) as WidgetRow;

/** The frame channel a gateway builds over a socket (parse, schema, order), with no rate limit to reach. */
function channelOver(
  socket: FakeSocket,
  schema: unknown,
  knownTypes: ReadonlySet<string>,
  handle: (frame: unknown) => Promise<void>,
) {
  return new FrameChannel(socket, {
    schema,
    knownTypes,
    logger,
    framesPerSecond: 1e9,
    now: Date.now,
    handle,
  });
}

let copies = 0;
const agentTypes = frameTypes(agentClientFrameSchema);
for (let i = 0; i < CONVERSATIONS / AGENT_CAPACITY; i++) {
  const email = `path-agent-${i}@bench.example`;
  await api(cookie, '/v1/users', {
    email,
    name: `Path agent ${i}`,
    role: 'agent',
    password: PASSWORD,
    capacity: AGENT_CAPACITY,
    queueIds: [queueId],
  });
  const user = await node.store.findUserByEmail(email);
  const socket: FakeSocket = new FakeSocket((text) => {
    // The relay's copies are counted, not parsed, as a console that only shows them.
    if (text.startsWith('{"type":"message",')) copies += 1;
    else if (text.startsWith('{"type":"offer.new"'))
      socket.receive({ type: 'offer.accept', offerId: JSON.parse(text).offer.id });
  });
  const channel = channelOver(socket, agentClientFrameSchema, agentTypes, (frame) =>
    connection.receive(frame),
  );
  const connection = new AgentConnection(node.services, report, user, {
    send: (frame: unknown) => channel.send(frame),
    sendText: (text: string) => channel.sendText(text),
    sendError: (code: string, message: string) => channel.sendError(code, message),
    close: () => socket.close(),
  });
  await connection.open(protocolVersion);
  socket.receive({ type: 'presence.set', status: 'available' });
}

/** A visitor through the visitor gateway's channel and connection; resolves once their chat is active. */
const connections = new VisitorConnections(node.services, report);
const visitorTypes = frameTypes(visitorClientFrameSchema);
let acked = 0;
/** Visitors whose last message is acknowledged, each as its next send, oldest first. */
const idle: (() => void)[] = [];
function visitor(n: number): Promise<void> {
  let sent = 0;
  let next = () => {};
  return new Promise<void>((active) => {
    let chatting = false;
    const socket: FakeSocket = new FakeSocket((text) => {
      if (chatting) {
        if (!text.startsWith('{"type":"message.ack"')) return;
        acked += 1;
        idle.push(next);
        return;
      }
      const frame = JSON.parse(text) as { type: string; conversation?: { status: string } };
      if (frame.type === 'welcome') socket.receive({ type: 'chat.start' });
      if (frame.type === 'conversation.update' && frame.conversation?.status === 'active') {
        chatting = true;
        active();
      }
    });
    const channel = channelOver(socket, visitorClientFrameSchema, visitorTypes, (frame) =>
      connection.receive(frame),
    );
    const connection = connections.connect(
      { widget, ip: '127.0.0.1', origin: ORIGIN, ownWindow: false },
      new SocketPeer(channel, socket),
    );
    socket.on('close', () => connection.closed());
    next = () => socket.receive({ type: 'message.send', clientMsgId: `p${n}-${sent++}`, text: TEXT });
    socket.receive({
      type: 'hello',
      page: { url: `${ORIGIN}/pricing`, title: 'Pricing' },
      language: 'en-GB',
      timeZone: 'Europe/London',
      device: { type: 'desktop', browser: 'Chrome', os: 'Linux' },
    });
  }).then(() => {
    idle.push(next);
  });
}

const opened = Date.now();
for (let i = 0; i < CONVERSATIONS; i += 50)
  await Promise.all(Array.from({ length: Math.min(50, CONVERSATIONS - i) }, (_, j) => visitor(i + j)));
process.stdout.write(`${tree}: ${CONVERSATIONS} conversations open in ${Date.now() - opened} ms\n`);

// Paced, not a closed loop: the same messages every 10 ms whatever the node's speed, so the batches (and what
// each message's share of a batch costs) are the same for every checkout.
const perTick = RATE / 100;
const ticker = setInterval(() => {
  for (let k = 0; k < perTick && idle.length > 0; k++) (idle.shift() as () => void)();
}, 10);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
await sleep(WARMUP_MS);
const perMessage: number[] = [];
let rate = 0;
for (let w = 0; w < WINDOWS; w++) {
  const cpu = process.cpuUsage();
  const before = acked;
  const started = performance.now();
  await sleep(WINDOW_MS);
  const used = process.cpuUsage(cpu);
  const messages = acked - before;
  perMessage.push((used.user + used.system) / messages);
  rate += (messages * 1000) / (performance.now() - started) / WINDOWS;
}
clearInterval(ticker);
await sleep(500);
const shown = perMessage.map((us) => us.toFixed(1)).join(' / ');
const median = [...perMessage].sort((a, b) => a - b)[Math.floor(WINDOWS / 2)] ?? Number.NaN;
process.stdout.write(
  `${tree}: ${rate.toFixed(0)} messages/s of ${RATE} asked, CPU µs per message ${shown} (median ${median.toFixed(1)}), ` +
    `agents' copies ${copies} for ${acked} acks\n`,
);
await node.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
