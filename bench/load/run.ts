// Over 300 lines: one benchmark driving its phases in order; each phase is short, and they share the process plumbing.
/**
 * Load benchmark (docs/performance.md, "Load"). Run with `npm run bench:load`; `BENCH_QUICK=1` (or the knobs
 * below) for a small run. Every Beckon node, the echo baseline and the simulated clients run in processes of
 * their own (one process holds about 19,900 sockets); this process drives them over IPC and hosts the agents.
 *
 *   1. visitors — one node (embedded SQLite) holds BENCH_VISITORS visitors from BENCH_VISITOR_PROCS processes:
 *      memory per visitor (RSS and heap after GC, before and after they connect), then every visitor views the
 *      rule's page (spread over BENCH_SPREAD_SECONDS) and the time-on-page rule (BENCH_TOP_SECONDS) invites
 *      each: how late the invitation is, against the rule's due time (page frame sent + threshold);
 *   2. echo — the baseline: a bare `ws` echo server, BENCH_CONVERSATIONS sockets in a closed loop;
 *   3. relay-ceiling — the minimal durable relay (durable-relay-server.ts): the same sockets and frames, each
 *      message one prepared INSERT into Beckon's SQLite schema, committed per turn and flushed before its ack;
 *   4. relay-sqlite — one node, BENCH_CONVERSATIONS conversations with agents (created with capacity through
 *      the admin API), visitor messages in a closed loop: throughput, ack round trip, delivery to the agent;
 *   5. relay-pg — the same on PostgreSQL + Redis with two nodes: visitors on one, agents on the other;
 *   pageviews (not run by default) — one node holds BENCH_VISITORS visitors, then page frames at each rate of
 *      BENCH_PAGE_RATES for BENCH_PAGE_STEP_SECONDS: page views stored per second, node CPU per page view,
 *      event-loop delay and the lateness of BENCH_PAGE_PROBES time-on-page invitations a second; `pageviews-pg`
 *      the same on PostgreSQL + Redis;
 *   visitors-compare, pageviews-compare, pageviews-pg-compare (not run by default) — those phases with the node
 *      of BENCH_COMPARE_TREE;
 *   relay-ceiling-paced, relay-sqlite-paced, relay-pg-paced (not run by default) — those relays in an open loop:
 *      each conversation sends at each pace of BENCH_PACES (messages a second), round trips timed from due times;
 *   relay-sqlite-metrics (not run by default) — relay-sqlite with Prometheus metrics on: what counting costs;
 *   relay-sqlite-compare (not run by default) — relay-sqlite with the node of another checkout, BENCH_COMPARE_TREE
 *      (`git worktree add <dir> <commit>`, its node_modules a link to this one's): before and after in one run.
 *
 * Every relay phase reports throughput, the ack round trip and the server's CPU per message (the server
 * processes' own `process.cpuUsage()` over the window, divided by the messages acknowledged in it), each against
 * the same run's echo and ceiling, and the bench's own CPU per message on the same cores (its client processes,
 * and this one, where the agents read). In a closed loop every client speaks the frames on its bare socket, the
 * simulated visitors too, so Beckon's clients cost what the ceiling's do. Phases may repeat (rounds): the summary
 * then gives each relay's mean ratios to the ceiling over its rounds. `--quick` is `BENCH_QUICK=1`;
 * `--phases=a,b` is `BENCH_PHASES`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { login, loopbackAddresses, wallClockMs } from '@beckon/test-kit';
import { createTestDatabase, testRedisPrefix } from '../../packages/server/test-scale/services.ts';
import { BenchAgents } from './agents.ts';
import { at } from './cpu-window.ts';
import type { FromNode, FromWorker, ToNode, ToWorker } from './ipc.ts';
import { cpuOfPids, cpuOfProcesses } from './process-cpu.ts';

const flag = (name: string) =>
  process.argv
    .slice(2)
    .find((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`))
    ?.split('=')[1];
const quick = process.env.BENCH_QUICK === '1' || process.argv.includes('--quick');
const knob = (name: string, full: number, small: number) =>
  Number(process.env[name] ?? (quick ? small : full));
const VISITORS = knob('BENCH_VISITORS', 19_000, 600);
const VISITOR_PROCS = knob('BENCH_VISITOR_PROCS', 4, 2);
const TOP_SECONDS = knob('BENCH_TOP_SECONDS', 20, 5);
const SPREAD_SECONDS = knob('BENCH_SPREAD_SECONDS', 120, 5);
const CONVERSATIONS = knob('BENCH_CONVERSATIONS', 1000, 100);
const RELAY_PROCS = knob('BENCH_RELAY_PROCS', 2, 2);
const RELAY_SECONDS = knob('BENCH_RELAY_SECONDS', 20, 5);
const WARMUP_SECONDS = knob('BENCH_WARMUP_SECONDS', 3, 2);
const TEXT_BYTES = knob('BENCH_TEXT_BYTES', 100, 100);
const WINDOWS = knob('BENCH_WINDOWS', 5, 5);
const PAGE_RATES = (process.env.BENCH_PAGE_RATES ?? (quick ? '100,400' : '100,200,400,800,1600,3200'))
  .split(',')
  .map(Number);
/** The paced relay phases: messages a second per conversation, one open-loop window each, in order. */
const PACES = (process.env.BENCH_PACES ?? (quick ? '1,4' : '1,2,4')).split(',').map(Number);
const PAGE_STEP_SECONDS = knob('BENCH_PAGE_STEP_SECONDS', 20, 8);
/** The page-view ramp's time-on-page rule: short, so each probe's invitation falls due inside its step. */
const PAGE_RULE_SECONDS = knob('BENCH_PAGE_RULE_SECONDS', 5, 2);
const PAGE_PROBES = knob('BENCH_PAGE_PROBES', 20, 10);
const PHASES = (
  flag('phases') ??
  process.env.BENCH_PHASES ??
  'visitors,echo,relay-ceiling,relay-sqlite,relay-pg'
).split(',');
/** Another checkout of the repository (from the commit that added CPU per message on): its node, same bench. */
const COMPARE_TREE = process.env.BENCH_COMPARE_TREE;
/** A directory: every node process and the ceiling write a V8 CPU profile there (`--cpu-prof`). */
const CPU_PROF = process.env.BENCH_CPU_PROF;
const PASSWORD = 'bench-password-1';
const ORIGIN = 'https://shop.bench.example';
const AGENT_CAPACITY = 50;

const here = path.dirname(new URL(import.meta.url).pathname);
const children = new Set<ChildProcess>();
const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function start(script: string, env: Record<string, string> = {}, profile = false): ChildProcess {
  const execArgv = ['--import', 'tsx', '--expose-gc'];
  if (profile && CPU_PROF) execArgv.push('--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`);
  const child = fork(path.join(here, script), [], {
    execArgv,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** The next IPC message of this type from the child (a `failed` report or an exit rejects). */
function next<T extends { type: string }, K extends T['type']>(
  child: ChildProcess,
  type: K,
  timeoutMs = 600_000,
): Promise<Extract<T, { type: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: T | { type: 'failed'; error: string }) => {
      if (message.type === type) done(() => resolve(message as Extract<T, { type: K }>));
      else if (message.type === 'failed') done(() => reject(new Error((message as { error: string }).error)));
    };
    const onExit = (code: number | null) => done(() => reject(new Error(`process exited (${code})`)));
    const timer = setTimeout(() => done(() => reject(new Error(`no ${type} in ${timeoutMs} ms`))), timeoutMs);
    const done = (settle: () => void) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      settle();
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

const ask = <K extends FromNode['type']>(child: ChildProcess, message: ToNode, type: K) => {
  const answer = next<FromNode, K>(child, type);
  child.send(message);
  return answer;
};
const tell = <K extends FromWorker['type']>(child: ChildProcess, message: ToWorker, type: K) => {
  const answer = next<FromWorker, K>(child, type);
  child.send(message);
  return answer;
};

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send({ type: 'stop' } satisfies ToNode);
  // Long enough for a CPU profile of a node that held thousands of sockets to be written.
  await Promise.race([exited, sleep(60_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

interface NodeHandle {
  child: ChildProcess;
  httpUrl: string;
  wsUrl: string;
}

async function startNode(env: Record<string, string>, tree?: string): Promise<NodeHandle> {
  const child = start(
    'node-process.ts',
    {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      BECKON_SEED_DEMO: 'true',
      BECKON_DEMO_PASSWORD: PASSWORD,
      // Thousands of simulated visitors share a few loopback addresses.
      BECKON_MAX_VISITOR_SOCKETS_PER_ADDRESS: '1000000',
      BECKON_MAX_AGENT_SOCKETS_PER_ADDRESS: '1000000',
      ...env,
      // Another checkout's server in this bench's node process (node-process.ts).
      ...(tree && { BENCH_NODE_TREE: tree }),
    },
    true,
  );
  const { port } = await next<FromNode, 'ready'>(child, 'ready', 120_000);
  return { child, httpUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}` };
}

async function api<T>(node: NodeHandle, cookie: string, method: string, route: string, body?: unknown) {
  const response = await fetch(`${node.httpUrl}${route}`, {
    method,
    // The node's own origin: cookie-authenticated changes are refused without one (cross-site request forgery).
    headers: {
      cookie,
      origin: new URL(node.httpUrl).origin,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A widget allowed on the bench origin, through the admin API; with the time-on-page rule when asked. */
async function setUpWidget(node: NodeHandle, ruleSeconds?: number) {
  const cookie = await login(node.httpUrl, 'admin@beckon.local', PASSWORD);
  // A queue of the bench's own agents only: the seed's queue holds the demo agent, Available from the start but
  // answered by no bench client, so every offer routing gave them waited out its deadline (120 s) while the bench
  // waited for the last conversations to open.
  const { id: queueId } = await api<{ id: string }>(node, cookie, 'POST', '/v1/queues', {
    name: 'Load bench',
    memberIds: [],
  });
  const widget = await api<{ id: string; key: string }>(node, cookie, 'POST', '/v1/widgets', {
    name: 'Load bench',
    proactiveEnabled: ruleSeconds !== undefined,
    // No agent is signed in while the rule's invitations are measured: the someone-can-answer gate (on by
    // default) would hold every one of them back.
    inviteOnlyWhenAnswerable: false,
    allowedOrigins: [ORIGIN],
    queueId,
  });
  if (ruleSeconds !== undefined) {
    await api(node, cookie, 'POST', `/v1/widgets/${widget.id}/rules`, {
      name: `${ruleSeconds} s on an offer page`,
      conditions: {
        type: 'all',
        conditions: [
          { type: 'currentUrl', op: 'wildcard', value: '*/offer*' },
          { type: 'timeOnPage', op: 'gte', seconds: ruleSeconds },
        ],
      },
      message: { text: 'Questions about this offer?' },
    });
  }
  return { cookie, queueId, key: widget.key };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}
const fmt = (n: number, digits = 1) =>
  Number.isFinite(n) ? n.toLocaleString('en-GB', { maximumFractionDigits: digits }) : '—';
const dist = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted.at(-1) ?? Number.NaN };
};

/** Splits `total` over `parts` workers; each gets its own slice of 127.0.0.0/8 source addresses. */
function shares(total: number, parts: number) {
  const base = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, k) => ({
    count: base + (k < total % parts ? 1 : 0),
    first: k * base + Math.min(k, total % parts),
    localAddresses: loopbackAddresses(16, 2 + 16 * k),
  }));
}

const results: string[] = [];
const report = (line: string) => {
  results.push(line);
  log(line);
};

/** With `tree`, the node is another checkout's (BENCH_COMPARE_TREE). */
async function connectVisitors(
  node: NodeHandle,
  key: string,
  workers: { share: ReturnType<typeof shares>[number]; child: ChildProcess }[],
): Promise<number> {
  const connected = await Promise.all(
    workers.map(({ share, child }) =>
      tell(
        child,
        { type: 'visitors', wsUrl: node.wsUrl, widgetKey: key, origin: ORIGIN, ...share },
        'connected',
      ),
    ),
  );
  return connected.reduce((sum, c) => sum + c.count, 0);
}

async function visitorsPhase(tree?: string): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'beckon-load-'));
  const node = await startNode({ DATA_DIR: dataDir }, tree);
  if (tree) report(`visitors: node of ${tree}`);
  const { key } = await setUpWidget(node, TOP_SECONDS);
  const before = await ask(node.child, { type: 'memory' }, 'memory');
  const workers = shares(VISITORS, VISITOR_PROCS).map((share) => ({
    share,
    child: start('client-worker.ts'),
  }));
  const cpuBefore = (await ask(node.child, { type: 'cpu-now' }, 'cpu-now')).micros;
  const connectStart = wallClockMs();
  const held = await connectVisitors(node, key, workers);
  const connectSeconds = (wallClockMs() - connectStart) / 1000;
  const cpuConnect = (await ask(node.child, { type: 'cpu-now' }, 'cpu-now')).micros - cpuBefore;
  await sleep(2000);
  const after = await ask(node.child, { type: 'memory' }, 'memory');
  report(
    `visitors held by one node: ${fmt(held, 0)} (connected with hello/welcome in ${fmt(connectSeconds)} s, ${fmt(held / connectSeconds, 0)}/s; node CPU ${fmt(cpuConnect / held, 0)} µs per connection)`,
  );
  report(
    `memory per visitor: RSS ${fmt((after.rss - before.rss) / held / 1024, 2)} KiB, heap ${fmt((after.heapUsed - before.heapUsed) / held / 1024, 2)} KiB (node RSS ${fmt(before.rss / 2 ** 20, 0)} → ${fmt(after.rss / 2 ** 20, 0)} MiB, heap ${fmt(before.heapUsed / 2 ** 20, 0)} → ${fmt(after.heapUsed / 2 ** 20, 0)} MiB, after GC)`,
  );
  await ask(node.child, { type: 'loop' }, 'loop');
  const cpuPagesBefore = (await ask(node.child, { type: 'cpu-now' }, 'cpu-now')).micros;
  const startAt = wallClockMs() + 1000;
  const done = await Promise.all(
    workers.map(({ child }) =>
      tell(
        child,
        {
          type: 'pages',
          url: `${ORIGIN}/offer/spring`,
          startAt,
          spreadMs: SPREAD_SECONDS * 1000,
          thresholdMs: TOP_SECONDS * 1000,
        },
        'pages-done',
      ),
    ),
  );
  const loop = await ask(node.child, { type: 'loop' }, 'loop');
  const cpuPages = (await ask(node.child, { type: 'cpu-now' }, 'cpu-now')).micros - cpuPagesBefore;
  const client = dist(done.flatMap((d) => d.clientLateMs));
  const server = dist(done.flatMap((d) => d.serverLateMs));
  const shown = done.reduce((sum, d) => sum + d.shown, 0);
  report(
    `time-on-page invitations (${TOP_SECONDS} s rule, ${fmt(held, 0)} page views over ${SPREAD_SECONDS} s = ${fmt(held / SPREAD_SECONDS, 0)}/s): shown ${fmt(shown, 0)}, missing ${fmt(held - shown, 0)}`,
  );
  report(
    `  lateness at the visitor (received − due): p50 ${fmt(client.p50)} ms, p99 ${fmt(client.p99)} ms, max ${fmt(client.max)} ms`,
  );
  report(
    `  lateness at the node (invitation.show serverTime − due): p50 ${fmt(server.p50)} ms, p99 ${fmt(server.p99)} ms, max ${fmt(server.max)} ms`,
  );
  report(
    `  node event-loop delay meanwhile: p50 ${fmt(loop.p50)} ms, p99 ${fmt(loop.p99)} ms, max ${fmt(loop.max)} ms; node CPU ${fmt(cpuPages / held, 0)} µs per page view and its invitation`,
  );
  await Promise.all(workers.map(({ child }) => tell(child, { type: 'close' }, 'closed')));
  for (const { child } of workers) child.kill();
  await stop(node.child);
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Page views one node sustains while holding BENCH_VISITORS visitors: page frames at each rate of
 * BENCH_PAGE_RATES for BENCH_PAGE_STEP_SECONDS, BENCH_PAGE_PROBES a second of them probes of the time-on-page
 * rule (each from a visitor used once). Per step: page views the node stored per second, its CPU per page view,
 * its event-loop delay, and the probes' invitation lateness. With `tree`, the node is another checkout's.
 */
async function pageViewsPhase(tree?: string, postgres = false): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'beckon-load-'));
  const database = postgres ? await createTestDatabase() : undefined;
  try {
    await pageViewSteps(
      await startNode(
        database
          ? {
              DATABASE_URL: database.url,
              REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
              BECKON_REDIS_PREFIX: testRedisPrefix(),
              DATA_DIR: dataDir,
            }
          : { DATA_DIR: dataDir },
        tree,
      ),
      `${postgres ? 'PostgreSQL + Redis' : 'SQLite'}${tree ? `, node of ${tree}` : ''}`,
    );
  } finally {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function pageViewSteps(node: NodeHandle, label: string): Promise<void> {
  const { key } = await setUpWidget(node, PAGE_RULE_SECONDS);
  const workers = shares(VISITORS, VISITOR_PROCS).map((share) => ({
    share,
    child: start('client-worker.ts'),
  }));
  const held = await connectVisitors(node, key, workers);
  const probesPerWorker = Math.ceil((PAGE_PROBES * PAGE_STEP_SECONDS * PAGE_RATES.length) / workers.length);
  report(
    `page views, one node, ${label}: ${fmt(held, 0)} visitors held, steps of ${PAGE_STEP_SECONDS} s, ${PAGE_PROBES} probes/s of a ${PAGE_RULE_SECONDS} s time-on-page rule in each (while due inside the step)`,
  );
  const steps: {
    rate: number;
    from: number;
    to: number;
    sent: number;
    stored: number;
    storedPerSecond: number;
    /** How late the node answered the count at the step's end. */
    answerLateMs: number;
    cpu: number;
  }[] = [];
  const loops: Extract<FromNode, { type: 'loop' }>[] = [];
  let from = wallClockMs() + 1000;
  for (const rate of PAGE_RATES) {
    const to = from + PAGE_STEP_SECONDS * 1000;
    const cpu = ask(node.child, { type: 'cpu-window', from, to, windows: 1 }, 'cpu');
    const sending = Promise.all(
      workers.map(({ child }) =>
        tell(
          child,
          {
            type: 'page-rate',
            from,
            to,
            ratePerSecond: rate / workers.length,
            probesPerSecond: PAGE_PROBES / workers.length,
            probes: probesPerWorker,
            offerUrl: `${ORIGIN}/offer/spring`,
            otherUrl: `${ORIGIN}/catalogue`,
            thresholdMs: PAGE_RULE_SECONDS * 1000,
          },
          'page-rate-done',
        ),
      ),
    );
    await sleep(from - wallClockMs());
    const storedBefore = (await ask(node.child, { type: 'page-views' }, 'page-views')).count;
    const countedFrom = wallClockMs();
    await ask(node.child, { type: 'loop' }, 'loop');
    await sleep(to - wallClockMs());
    const storedAfter = (await ask(node.child, { type: 'page-views' }, 'page-views')).count;
    // A node behind answers late: the page views it stored are counted over the time it took to say so.
    const countedTo = wallClockMs();
    loops.push(await ask(node.child, { type: 'loop' }, 'loop'));
    const sent = (await sending).reduce((sum, d) => sum + d.sent, 0);
    steps.push({
      rate,
      from,
      to,
      sent,
      stored: storedAfter - storedBefore,
      storedPerSecond: (storedAfter - storedBefore) / ((countedTo - countedFrom) / 1000),
      answerLateMs: countedTo - to,
      cpu: (await cpu).micros,
    });
    from = wallClockMs() + 500;
  }
  const probes = await Promise.all(
    workers.map(({ child }) =>
      tell(child, { type: 'probes', waitMs: PAGE_RULE_SECONDS * 1000 + 30_000 }, 'probes'),
    ),
  );
  let sustained: number | undefined;
  for (const [i, step] of steps.entries()) {
    const client: number[] = [];
    const server: number[] = [];
    let missing = 0;
    for (const worker of probes) {
      worker.sentAt.forEach((sentAt, k) => {
        if (sentAt < step.from || sentAt >= step.to) return;
        const late = worker.clientLateMs[k];
        // A probe without an invitation comes back as null (NaN through IPC).
        if (typeof late !== 'number' || !Number.isFinite(late)) missing += 1;
        else {
          client.push(late);
          server.push(worker.serverLateMs[k]!);
        }
      });
    }
    const late = dist(client);
    const atNode = dist(server);
    const seconds = (step.to - step.from) / 1000;
    const handled = step.storedPerSecond;
    const keptUp = handled >= (0.95 * step.sent) / seconds && step.answerLateMs < 1000;
    const onTime = late.p99 <= 50 && missing === 0;
    if (keptUp && onTime) sustained = Math.max(sustained ?? 0, handled);
    const loop = loops[i]!;
    report(
      `  ${fmt(step.rate, 0)}/s asked: sent ${fmt(step.sent / seconds, 0)}/s, stored ${fmt(handled, 0)}/s${keptUp ? '' : ` (fell behind: the count came ${fmt(step.answerLateMs, 0)} ms late)`}, node CPU ${fmt(step.cpu / Math.max(1, step.stored), 0)} µs per page view (${fmt(step.cpu / 1000 / seconds / 10, 0)} % of a core); event-loop delay p50 ${fmt(loop.p50)} ms, p99 ${fmt(loop.p99)} ms, max ${fmt(loop.max)} ms; invitations (${client.length} probes, ${missing} missing) late at the visitor p50 ${fmt(late.p50)} ms, p99 ${fmt(late.p99)} ms, max ${fmt(late.max)} ms, at the node p99 ${fmt(atNode.p99)} ms`,
    );
  }
  report(
    `  sustained: ${sustained === undefined ? 'no step' : `${fmt(sustained, 0)} page views/s`} (the highest step whose page views were stored within 5 % of the rate sent, counted over the time the node took to answer, with invitation p99 ≤ 50 ms and none missing)`,
  );
  await Promise.all(workers.map(({ child }) => tell(child, { type: 'close' }, 'closed')));
  for (const { child } of workers) child.kill();
  await stop(node.child);
}

interface RelayFigures {
  /** Open loop at this many messages a second per connection; closed loop when not set. */
  pacePerSecond?: number;
  perSecond: number;
  /** The server processes' CPU time (user + system) over the window, per message acknowledged in it. */
  cpuMicrosPerMessage: number;
  /** The same per sub-window (BENCH_WINDOWS), and their median: steadier when the machine's load moves. */
  cpuPerWindow: number[];
  cpuMedian: number;
  rtt: ReturnType<typeof dist>;
  delivery?: ReturnType<typeof dist>;
  rateLimited: number;
  errors: number;
  /** Open loop: messages due in the window that were refused or never acknowledged. */
  lost: number;
  /**
   * The bench's own CPU over the window, per message: the client processes', and this process's (where the
   * agents read their copies), on the two cores the server uses too.
   */
  bench: { clients: number; self: number };
}

/** The bench's own CPU (µs) over [from, to] on the wall clock: the client processes', and this process's. */
function benchCpu(
  from: number,
  to: number,
  clients: ChildProcess[],
): Promise<{ clients: number; self: number }> {
  const read = () => {
    const self = process.cpuUsage();
    return { clients: cpuOfPids(clients.map((child) => child.pid ?? 0)), self: self.user + self.system };
  };
  return new Promise((resolve) => {
    at(from, () => {
      const start = read();
      at(to, () => {
        const end = read();
        resolve({ clients: end.clients - start.clients, self: end.self - start.self });
      });
    });
  });
}

/**
 * Connects (and for Beckon opens every chat), then measures each window: a closed loop on every connection when
 * `paces` is not given, else one open-loop window per pace (messages a second per connection), in order.
 */
async function runRelay(
  mode: 'echo' | 'beckon',
  wsUrl: string,
  key: string,
  servers: ChildProcess[],
  agents?: BenchAgents,
  paces: (number | undefined)[] = [undefined],
  /** The database server's own CPU so far (µs), where it runs beside the bench: reported for the opening. */
  databaseCpu?: () => number,
): Promise<RelayFigures[]> {
  const workers = shares(CONVERSATIONS, RELAY_PROCS).map((share) => ({
    share,
    child: start('client-worker.ts'),
  }));
  if (mode === 'beckon') {
    await Promise.all(
      workers.map(({ share, child }) =>
        tell(
          child,
          { type: 'relay', mode, wsUrl, widgetKey: key, origin: ORIGIN, ...share },
          'relay-connected',
        ),
      ),
    );
    // The server processes' CPU and the wall time while the connected visitors open their chats, per chat.
    const cpuNow = async () =>
      (await Promise.all(servers.map((server) => ask(server, { type: 'cpu-now' }, 'cpu-now')))).reduce(
        (sum, c) => sum + c.micros,
        0,
      );
    const cpuBefore = await cpuNow();
    const databaseBefore = databaseCpu?.() ?? 0;
    const openingStarted = wallClockMs();
    const openingStartedUs = process.hrtime.bigint() / 1000n;
    await Promise.all(
      workers.map(({ child }) => tell(child, { type: 'open', startConcurrency: 10 }, 'relay-ready')),
    );
    const openingMs = wallClockMs() - openingStarted;
    const cpuMicros = (await cpuNow()) - cpuBefore;
    const database = databaseCpu
      ? `, database CPU ${fmt((databaseCpu() - databaseBefore) / 1000 / CONVERSATIONS, 2)} ms (every postgres process on the machine)`
      : '';
    report(
      `  opening ${CONVERSATIONS} conversations (chat.start → active, ${RELAY_PROCS} × 10 at a time): ${fmt(openingMs / 1000, 1)} s, server CPU ${fmt(cpuMicros / 1000 / CONVERSATIONS, 2)} ms per opened conversation${database}`,
    );
    // The profiles' clock is the monotonic one in µs: the opening's bounds pick its samples out.
    if (CPU_PROF)
      log(`  opening on the profiles' clock: ${openingStartedUs} → ${process.hrtime.bigint() / 1000n} µs`);
  } else {
    await Promise.all(
      workers.map(({ share, child }) =>
        tell(child, { type: 'relay', mode, wsUrl, widgetKey: key, origin: ORIGIN, ...share }, 'relay-ready'),
      ),
    );
  }
  const figures: RelayFigures[] = [];
  for (const pacePerSecond of paces) {
    const from = wallClockMs() + WARMUP_SECONDS * 1000;
    const to = from + RELAY_SECONDS * 1000;
    if (agents) agents.window = { from, to, latencyMs: [] };
    const cpu = Promise.all(
      servers.map((server) => ask(server, { type: 'cpu-window', from, to, windows: WINDOWS }, 'cpu')),
    );
    const bench = benchCpu(
      from,
      to,
      workers.map(({ child }) => child),
    );
    const measured = await Promise.all(
      workers.map(({ child }) =>
        tell(
          child,
          { type: 'measure', from, to, windows: WINDOWS, textBytes: TEXT_BYTES, pacePerSecond },
          'measured',
        ),
      ),
    );
    const cpus = await cpu;
    const serverMicros = cpus.reduce((sum, c) => sum + c.micros, 0);
    const cpuPerWindow = Array.from({ length: WINDOWS }, (_, i) => {
      const micros = cpus.reduce((sum, c) => sum + (c.perWindow[i] ?? 0), 0);
      return micros / measured.reduce((sum, m) => sum + (m.perWindow[i] ?? 0), 0);
    });
    const sorted = [...cpuPerWindow].sort((a, b) => a - b);
    const roundTrips = measured.reduce((sum, m) => sum + m.roundTrips, 0);
    const benchMicros = await bench;
    figures.push({
      bench: { clients: benchMicros.clients / roundTrips, self: benchMicros.self / roundTrips },
      pacePerSecond,
      perSecond: roundTrips / RELAY_SECONDS,
      cpuMicrosPerMessage: serverMicros / roundTrips,
      cpuPerWindow,
      cpuMedian: sorted[Math.floor(sorted.length / 2)]!,
      rtt: dist(measured.flatMap((m) => m.rttMs)),
      delivery: agents?.window ? dist(agents.window.latencyMs) : undefined,
      rateLimited: measured.reduce((sum, m) => sum + m.rateLimited, 0),
      errors: measured.reduce((sum, m) => sum + m.errors, 0),
      lost: measured.reduce((sum, m) => sum + (m.lost ?? 0), 0),
    });
  }
  await Promise.all(workers.map(({ child }) => tell(child, { type: 'close' }, 'closed')));
  for (const { child } of workers) child.kill();
  return figures;
}

let echo: RelayFigures | undefined;
let ceiling: RelayFigures | undefined;
/** Each relay's ratios to the ceiling that ran last before it, by relay, when phases repeat (rounds). */
const roundsAgainstCeiling = new Map<string, { throughput: number; cpu: number }[]>();

/** Over the rounds of each relay: its ratios to the ceiling, their mean and range (one round says little). */
function roundsSummary(): string[] {
  const range = (values: number[]) =>
    `mean ${fmt(values.reduce((sum, v) => sum + v, 0) / values.length, 2)}× (${fmt(Math.min(...values), 2)}–${fmt(Math.max(...values), 2)}×)`;
  return [...roundsAgainstCeiling]
    .filter(([, rounds]) => rounds.length > 1)
    .map(
      ([name, rounds]) =>
        `${name}, ${rounds.length} rounds against the ceiling: throughput ${range(rounds.map((r) => r.throughput))}, CPU per message ${range(rounds.map((r) => r.cpu))}`,
    );
}

/** Throughput and CPU per message against the same run's echo and ceiling (when those phases ran). */
function against(relay: RelayFigures): string {
  const versus = (name: string, base: RelayFigures | undefined) =>
    base
      ? `${fmt(relay.perSecond / base.perSecond, 2)}× ${name}'s throughput, ${fmt(relay.cpuMicrosPerMessage / base.cpuMicrosPerMessage, 2)}× its CPU (medians ${fmt(relay.cpuMedian / base.cpuMedian, 2)}×)`
      : undefined;
  const parts = [versus('echo', echo), relay === ceiling ? undefined : versus('ceiling', ceiling)];
  return parts.filter(Boolean).join('; ');
}

const cpuLine = (relay: RelayFigures) =>
  `server CPU ${fmt(relay.cpuMicrosPerMessage, 1)} µs/message (median of ${WINDOWS} windows ${fmt(relay.cpuMedian, 1)}: ${relay.cpuPerWindow.map((c) => fmt(c, 1)).join(' / ')}; on the same cores, the bench's clients ${fmt(relay.bench.clients, 1)} µs/message and its own process ${fmt(relay.bench.self, 1)})`;

async function echoPhase(): Promise<void> {
  const child = start('echo-server.ts');
  const { port } = await next<FromNode, 'ready'>(child, 'ready');
  const [figures] = await runRelay('echo', `ws://127.0.0.1:${port}`, '', [child]);
  echo = figures!;
  report(
    `baseline ws echo, ${CONVERSATIONS} sockets closed loop: ${fmt(echo.perSecond, 0)} messages/s, round trip p50 ${fmt(echo.rtt.p50, 2)} ms, p99 ${fmt(echo.rtt.p99, 2)} ms, ${cpuLine(echo)}`,
  );
  await stop(child);
}

async function ceilingPhase(paced = false): Promise<void> {
  // Profiled with the nodes (BENCH_CPU_PROF), so the two can be compared sample for sample.
  const child = start('durable-relay-server.ts', {}, true);
  const { port } = await next<FromNode, 'ready'>(child, 'ready');
  const name = `ceiling: minimal durable relay (one INSERT, commit per turn, flushed before the ack), ${CONVERSATIONS} sockets`;
  if (paced) {
    for (const figures of await runRelay('echo', `ws://127.0.0.1:${port}`, '', [child], undefined, PACES))
      reportPaced(name, figures);
  } else {
    [ceiling] = await runRelay('echo', `ws://127.0.0.1:${port}`, '', [child]);
    report(
      `${name}: ${fmt(ceiling!.perSecond, 0)} messages/s (${against(ceiling!)}), ack round trip p50 ${fmt(ceiling!.rtt.p50, 2)} ms, p99 ${fmt(ceiling!.rtt.p99, 2)} ms, ${cpuLine(ceiling!)}`,
    );
  }
  await stop(child);
}

/** An open-loop window: the rate asked and kept, the round trip from each message's due time, the CPU. */
function reportPaced(name: string, relay: RelayFigures, agents?: BenchAgents): void {
  const asked = CONVERSATIONS * relay.pacePerSecond!;
  report(
    `${name}, open loop at ${fmt(relay.pacePerSecond!, 1)} message(s)/s per connection (${fmt(asked, 0)}/s asked): ${fmt(relay.perSecond, 0)} acknowledged/s, ack round trip from the due time p50 ${fmt(relay.rtt.p50, 2)} ms, p99 ${fmt(relay.rtt.p99, 2)} ms, max ${fmt(relay.rtt.max, 2)} ms (lost ${relay.lost}), ${cpuLine(relay)}${agents ? `; visitor → agent p50 ${fmt(relay.delivery?.p50 ?? Number.NaN, 2)} ms, p99 ${fmt(relay.delivery?.p99 ?? Number.NaN, 2)} ms; rate-limited ${relay.rateLimited}, errors ${relay.errors + agents.errors.length}` : ''}`,
  );
}

/** Agents with capacity through the admin API, enough for every conversation. */
async function createAgents(node: NodeHandle, cookie: string, queueId: string): Promise<string[]> {
  const emails: string[] = [];
  for (let i = 0; i < Math.ceil(CONVERSATIONS / AGENT_CAPACITY); i += 1) {
    const email = `load-agent-${i}@bench.example`;
    await api(node, cookie, 'POST', '/v1/users', {
      email,
      name: `Load agent ${i}`,
      role: 'agent',
      password: PASSWORD,
      capacity: AGENT_CAPACITY,
      queueIds: [queueId],
    });
    emails.push(email);
  }
  return emails;
}

function reportRelay(name: string, relay: RelayFigures, agents: BenchAgents): void {
  if (ceiling) {
    const rounds = roundsAgainstCeiling.get(name) ?? [];
    rounds.push({
      throughput: relay.perSecond / ceiling.perSecond,
      cpu: relay.cpuMicrosPerMessage / ceiling.cpuMicrosPerMessage,
    });
    roundsAgainstCeiling.set(name, rounds);
  }
  report(
    `${name}: ${fmt(relay.perSecond, 0)} messages/s (${against(relay)}), ${cpuLine(relay)}, ack round trip p50 ${fmt(relay.rtt.p50, 2)} ms, p99 ${fmt(relay.rtt.p99, 2)} ms; visitor → agent p50 ${fmt(relay.delivery?.p50 ?? Number.NaN, 2)} ms, p99 ${fmt(relay.delivery?.p99 ?? Number.NaN, 2)} ms (${fmt(relay.delivery ? agents.window!.latencyMs.length : 0, 0)} delivered in the window; rate-limited ${relay.rateLimited}, errors ${relay.errors + agents.errors.length})`,
  );
}

/**
 * With `metrics`, the node counts for Prometheus (BECKON_METRICS_PORT): the cost of counting, against the same
 * relay. With `tree`, the node is another checkout's (BENCH_COMPARE_TREE).
 */
async function relaySqlitePhase(metrics = false, tree?: string, paced = false): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'beckon-load-'));
  const node = await startNode({ DATA_DIR: dataDir, ...(metrics && { BECKON_METRICS_PORT: '0' }) }, tree);
  const { cookie, queueId, key } = await setUpWidget(node);
  const agents = new BenchAgents();
  await agents.connect(node.httpUrl, node.wsUrl, await createAgents(node, cookie, queueId), PASSWORD);
  // The write-ahead log's largest size during the relay: it must stay bounded under sustained writes.
  const wal = path.join(dataDir, 'beckon.sqlite-wal');
  let walLargest = 0;
  const walSampler = setInterval(() => {
    walLargest = Math.max(walLargest, existsSync(wal) ? statSync(wal).size : 0);
  }, 250);
  const name = `relay, one node, SQLite${metrics ? ', metrics on' : ''}${tree ? `, node of ${tree}` : ''}`;
  for (const figures of await runRelay(
    'beckon',
    node.wsUrl,
    key,
    [node.child],
    agents,
    paced ? PACES : undefined,
  ))
    (paced ? reportPaced : reportRelay)(name, figures, agents);
  clearInterval(walSampler);
  report(
    `  write-ahead log over ${WARMUP_SECONDS + RELAY_SECONDS} s of relay: largest ${fmt(walLargest / 1024 / 1024, 1)} MiB, at the end ${fmt((existsSync(wal) ? statSync(wal).size : 0) / 1024 / 1024, 1)} MiB`,
  );
  agents.close();
  await stop(node.child);
  rmSync(dataDir, { recursive: true, force: true });
}

/** With `tree`, both nodes are another checkout's (BENCH_COMPARE_TREE). */
async function relayPostgresPhase(tree?: string, paced = false): Promise<void> {
  const database = await createTestDatabase();
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    BECKON_REDIS_PREFIX: testRedisPrefix(),
    DATA_DIR: os.tmpdir(),
  };
  try {
    const visitorNode = await startNode(env, tree);
    const agentNode = await startNode(env, tree);
    const { cookie, queueId, key } = await setUpWidget(visitorNode);
    const agents = new BenchAgents();
    await agents.connect(
      agentNode.httpUrl,
      agentNode.wsUrl,
      await createAgents(visitorNode, cookie, queueId),
      PASSWORD,
    );
    const name = `relay, two nodes, PostgreSQL + Redis (visitors on one, agents on the other; CPU of both nodes, not of PostgreSQL or Redis)${tree ? `, nodes of ${tree}` : ''}`;
    const servers = [visitorNode.child, agentNode.child];
    for (const figures of await runRelay(
      'beckon',
      visitorNode.wsUrl,
      key,
      servers,
      agents,
      paced ? PACES : undefined,
      () => cpuOfProcesses('postgres'),
    ))
      (paced ? reportPaced : reportRelay)(name, figures, agents);
    agents.close();
    await Promise.all([stop(visitorNode.child), stop(agentNode.child)]);
  } finally {
    await database.drop();
  }
}

function compareTree(phase: string): string {
  if (!COMPARE_TREE) throw new Error(`${phase} needs BENCH_COMPARE_TREE`);
  return path.resolve(COMPARE_TREE);
}

const phases: Record<string, () => Promise<void>> = {
  visitors: () => visitorsPhase(),
  'visitors-compare': () => visitorsPhase(compareTree('visitors-compare')),
  pageviews: () => pageViewsPhase(),
  'pageviews-compare': () => pageViewsPhase(compareTree('pageviews-compare')),
  'pageviews-pg': () => pageViewsPhase(undefined, true),
  'pageviews-pg-compare': () => pageViewsPhase(compareTree('pageviews-pg-compare'), true),
  echo: echoPhase,
  'relay-ceiling': () => ceilingPhase(),
  'relay-ceiling-paced': () => ceilingPhase(true),
  'relay-sqlite': () => relaySqlitePhase(),
  'relay-sqlite-paced': () => relaySqlitePhase(false, undefined, true),
  'relay-sqlite-metrics': () => relaySqlitePhase(true),
  'relay-sqlite-compare': () => {
    if (!COMPARE_TREE) throw new Error('relay-sqlite-compare needs BENCH_COMPARE_TREE');
    return relaySqlitePhase(false, path.resolve(COMPARE_TREE));
  },
  'relay-pg': () => relayPostgresPhase(),
  'relay-pg-paced': () => relayPostgresPhase(undefined, true),
  'relay-pg-compare': () => {
    if (!COMPARE_TREE) throw new Error('relay-pg-compare needs BENCH_COMPARE_TREE');
    return relayPostgresPhase(path.resolve(COMPARE_TREE));
  },
};

const began = wallClockMs();
log(
  `Load benchmark — Node ${process.version}, ${os.cpus().length} CPUs, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, ${new Date().toISOString()}`,
);
log(
  `visitors ${VISITORS} in ${VISITOR_PROCS} processes; conversations ${CONVERSATIONS} in ${RELAY_PROCS} processes, ${RELAY_SECONDS} s after ${WARMUP_SECONDS} s warm-up, ${TEXT_BYTES}-byte messages`,
);
try {
  for (const phase of PHASES) {
    const run = phases[phase];
    if (!run) throw new Error(`unknown phase ${phase} (known: ${Object.keys(phases).join(', ')})`);
    const loadBefore = os.loadavg()[0]!.toFixed(2);
    log(`— ${phase} (load average ${loadBefore})`);
    await run();
    report(`  (${phase}: load average ${loadBefore} → ${os.loadavg()[0]!.toFixed(2)})`);
  }
} finally {
  for (const child of children) child.kill('SIGKILL');
}
log(
  `\nSummary (${fmt((wallClockMs() - began) / 1000, 0)} s, load average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}):`,
);
for (const line of results) log(`  ${line}`);
for (const line of roundsSummary()) log(`  ${line}`);
// Every child is gone; an agent's socket or a pool still open must not keep the driver running after its summary.
process.exit(0);
