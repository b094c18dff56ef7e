// Over 300 lines: one client process for every phase of the load benchmark, each job a function of it.
/**
 * A client process of the load benchmark (forked by run.ts). It holds many visitors (test-kit's visitor
 * simulator) or many plain sockets to the echo server, and runs the jobs run.ts sends over IPC.
 */
import { type SimulatedVisitor, spawnVisitors, wallClockMs } from '@beckon/test-kit';
import WebSocket from 'ws';
import type {
  FromWorker,
  MeasureJob,
  OpenJob,
  PageRateJob,
  PagesJob,
  RelayJob,
  ToWorker,
  VisitorsJob,
} from './ipc.ts';

const reply = (message: FromWorker) => process.send?.(message);
let visitors: SimulatedVisitor[] = [];
let echoSockets: WebSocket[] = [];
/** When each visitor's page frame was sent, by visitor index (for the invitation's due time). */
let pageSentAt: Float64Array = new Float64Array(0);
const clientLateMs: number[] = [];
const serverLateMs: number[] = [];
/** By visitor index: the invitation's lateness at the visitor and at the node (page-rate probes). */
let probeLate: { client: number; server: number }[] = [];
let thresholdMs = 0;

/** How the JSON text of an ack and of an error frame begins (the node writes `type` first). */
const ackHead = '{"type":"message.ack",';
const errorHead = '{"type":"error",';

/** One visitor sends at most 18 messages a second (the node allows 20 frames a second per visitor). */
const minIntervalMs = 1000 / 18;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function connectVisitors(job: VisitorsJob): Promise<void> {
  const started = wallClockMs();
  pageSentAt = new Float64Array(job.count);
  probeLate = [];
  nextProbe = 0;
  nextOther = 0;
  visitors = await spawnVisitors({
    wsUrl: job.wsUrl,
    widgetKey: job.widgetKey,
    origin: job.origin,
    count: job.count,
    concurrency: 25,
    timeoutMs: 120_000,
    labelPrefix: `w${job.first}-`,
    localAddresses: job.localAddresses,
    page: (i) => ({ url: `${job.origin}/home?v=${job.first + i}`, title: 'Home' }),
    handlers: {
      invitation: (visitor, shown) => {
        const index = Number(visitor.label.slice(visitor.label.indexOf('-') + 1));
        const due = pageSentAt[index]! + thresholdMs;
        if (pageSentAt[index]! === 0) return;
        clientLateMs.push(shown.receivedAt - due);
        serverLateMs.push(shown.serverTime - due);
        probeLate[index] = { client: shown.receivedAt - due, server: shown.serverTime - due };
      },
    },
  });
  reply({ type: 'connected', count: visitors.length, ms: wallClockMs() - started });
}

/** Page views spread evenly over the window; then waits for every invitation (or gives up). */
async function viewPages(job: PagesJob): Promise<void> {
  thresholdMs = job.thresholdMs;
  const count = visitors.length;
  let next = 0;
  while (next < count) {
    const now = wallClockMs();
    const dueIndex = Math.min(count, Math.floor(((now - job.startAt) / job.spreadMs) * count) + 1);
    for (; next < dueIndex; next += 1) {
      pageSentAt[next] = wallClockMs();
      visitors[next]!.viewPage({ url: job.url, title: 'Offer' });
    }
    await sleep(5);
  }
  const giveUpAt = wallClockMs() + job.thresholdMs + 30_000;
  while (clientLateMs.length < count && wallClockMs() < giveUpAt) await sleep(100);
  reply({
    type: 'pages-done',
    shown: clientLateMs.length,
    clientLateMs,
    serverLateMs,
    missing: count - clientLateMs.length,
  });
}

/** Probes used so far, and the next background visitor (round robin after the probes). */
let nextProbe = 0;
let nextOther = 0;
let otherPages = 0;

/** Page frames at the job's rate between `from` and `to`, probes spread evenly among them. */
async function pageRate(job: PageRateJob): Promise<void> {
  thresholdMs = job.thresholdMs;
  const others = visitors.length - job.probes;
  const seconds = (job.to - job.from) / 1000;
  const total = Math.round(job.ratePerSecond * seconds);
  // Probes only while their invitation still falls due inside the step (a second to spare): each step's lateness
  // is measured under that step's rate.
  const probeMs = Math.max(0, job.to - job.from - job.thresholdMs - 1000);
  const probes = Math.min(Math.round((job.probesPerSecond * probeMs) / 1000), job.probes - nextProbe);
  const probeFrames = Math.floor((total * probeMs) / (job.to - job.from));
  // Every `every`-th frame of that part of the step is a probe.
  const every = probes > 0 ? Math.max(1, Math.floor(probeFrames / probes)) : Number.POSITIVE_INFINITY;
  let sent = 0;
  let probed = 0;
  await sleep(Math.max(0, job.from - wallClockMs()));
  while (sent < total) {
    const due = Math.min(total, Math.floor(((wallClockMs() - job.from) / (job.to - job.from)) * total) + 1);
    for (; sent < due; sent += 1) {
      if (sent % every === 0 && probed < probes) {
        const index = nextProbe++;
        probed += 1;
        pageSentAt[index] = wallClockMs();
        visitors[index]!.viewPage({ url: job.offerUrl, title: 'Offer' });
      } else {
        const index = job.probes + (nextOther++ % others);
        visitors[index]!.viewPage({ url: `${job.otherUrl}?p=${otherPages++}`, title: 'Other' });
      }
    }
    await sleep(2);
  }
  reply({ type: 'page-rate-done', sent, probes: probed });
}

/** Waits for every probe's invitation (or gives up after `waitMs`), then reports each probe. */
async function probeResults(waitMs: number): Promise<void> {
  const giveUpAt = wallClockMs() + waitMs;
  const answered = () => probeLate.filter(Boolean).length;
  while (answered() < nextProbe && wallClockMs() < giveUpAt) await sleep(100);
  const probes = Array.from({ length: nextProbe }, (_, i) => i);
  reply({
    type: 'probes',
    sentAt: probes.map((i) => pageSentAt[i]!),
    clientLateMs: probes.map((i) => probeLate[i]?.client ?? Number.NaN),
    serverLateMs: probes.map((i) => probeLate[i]?.server ?? Number.NaN),
  });
}

async function prepareRelay(job: RelayJob): Promise<void> {
  const started = wallClockMs();
  if (job.mode === 'echo') {
    echoSockets = await Promise.all(
      Array.from(
        { length: job.count },
        (_, i) =>
          new Promise<WebSocket>((resolve, reject) => {
            const ws = new WebSocket(job.wsUrl, {
              localAddress: job.localAddresses[i % job.localAddresses.length],
              perMessageDeflate: false,
            });
            ws.once('open', () => resolve(ws));
            ws.once('error', reject);
          }),
      ),
    );
  } else {
    visitors = await spawnVisitors({
      wsUrl: job.wsUrl,
      widgetKey: job.widgetKey,
      origin: job.origin,
      count: job.count,
      concurrency: 25,
      timeoutMs: 180_000,
      labelPrefix: `r${job.first}-`,
      localAddresses: job.localAddresses,
      page: (i) => ({ url: `${job.origin}/support?v=${job.first + i}`, title: 'Support' }),
    });
    // Connected: the driver reads the nodes' CPU, then sends `open`, so opening is measured apart from connecting.
    reply({ type: 'relay-connected', count: job.count, ms: wallClockMs() - started });
    return;
  }
  reply({ type: 'relay-ready', count: job.count, ms: wallClockMs() - started });
}

/** Every visitor of the worker starts a chat, `startConcurrency` at a time, each waiting until it is active. */
async function openChats(job: OpenJob): Promise<void> {
  const started = wallClockMs();
  {
    // Chats open a few at a time, as agents accept their offers (one offer per agent at a time).
    let next = 0;
    const opener = async () => {
      for (;;) {
        const visitor = visitors[next++];
        if (!visitor) return;
        await visitor.startChat();
        await visitor.waitForStatus('active', 180_000);
      }
    };
    await Promise.all(Array.from({ length: job.startConcurrency }, opener));
  }
  reply({ type: 'relay-ready', count: visitors.length, ms: wallClockMs() - started });
}

/** `t=<send time> ` then filler to the wanted size: agents read the send time off the text. */
function messageText(bytes: number): string {
  const head = `t=${wallClockMs().toFixed(3)} `;
  return head + 'x'.repeat(Math.max(0, bytes - head.length));
}

async function measure(job: MeasureJob): Promise<void> {
  const rttMs: number[] = [];
  let roundTrips = 0;
  const perWindow = new Array<number>(job.windows).fill(0);
  const windowMs = (job.to - job.from) / job.windows;
  let rateLimited = 0;
  let errors = 0;
  const record = (sentAt: number) => {
    const now = wallClockMs();
    if (sentAt >= job.from && now <= job.to) {
      roundTrips += 1;
      perWindow[Math.min(job.windows - 1, Math.floor((now - job.from) / windowMs))]! += 1;
      rttMs.push(now - sentAt);
    }
  };
  if (job.pacePerSecond) {
    const paced = await measurePaced(job);
    reply({ type: 'measured', rateLimited, errors, ...paced });
    return;
  }
  if (echoSockets.length > 0) {
    let n = 0;
    await Promise.all(
      echoSockets.map(
        (ws) =>
          new Promise<void>((resolve) => {
            let sentAt = 0;
            const sendNext = () => {
              if (wallClockMs() >= job.to) return resolve();
              sentAt = wallClockMs();
              ws.send(
                JSON.stringify({
                  type: 'message.send',
                  clientMsgId: `e-${n++}`,
                  text: messageText(job.textBytes),
                }),
              );
            };
            ws.on('message', () => {
              record(sentAt);
              sendNext();
            });
            sendNext();
          }),
      ),
    );
  } else {
    // Each visitor's socket speaks the protocol directly here, as the echo sockets above do: the simulator's
    // schema check and ledger per frame cost the client about 20 µs a message more than a bare socket, on the
    // cores the node shares (docs/performance.md, "Load").
    let n = 0;
    await Promise.all(
      visitors.map(
        (visitor) =>
          new Promise<void>((resolve) => {
            let sentAt = 0;
            let ackNeedle = '';
            const sendNext = () => {
              const now = wallClockMs();
              if (now >= job.to) return resolve();
              // Below the node's per-visitor frame limit (20/s); reached only when few conversations share the node.
              const wait = sentAt + minIntervalMs - now;
              if (wait > 0) return void setTimeout(sendNext, wait);
              sentAt = now;
              const clientMsgId = `${visitor.label}-r${n++}`;
              ackNeedle = `"clientMsgId":${JSON.stringify(clientMsgId)}`;
              send(JSON.stringify({ type: 'message.send', clientMsgId, text: messageText(job.textBytes) }));
            };
            const send = visitor.takeOver((text) => {
              if (text.startsWith(ackHead)) {
                // An ack for another message than the one waiting would be a bug of the node's.
                if (text.includes(ackNeedle)) record(sentAt);
                else errors += 1;
                sendNext();
              } else if (text.startsWith(errorHead)) {
                if ((JSON.parse(text) as { code?: string }).code === 'RATE_LIMITED') rateLimited += 1;
                else errors += 1;
                sendNext();
              }
            });
            sendNext();
          }),
      ),
    );
  }
  reply({ type: 'measured', roundTrips, perWindow, rttMs, rateLimited, errors });
}

/**
 * The open loop: message n of the worker falls due at `n / rate` after the start, from connection `n % count`, so
 * every connection sends `pacePerSecond` messages a second whatever its acks do. A round trip is timed from the
 * message's due time, so a send the loop itself delayed counts as late; every message due inside the window is
 * waited for (up to 10 s after it) and one never acknowledged is counted as lost, not left out.
 */
async function measurePaced(
  job: MeasureJob,
): Promise<{ roundTrips: number; perWindow: number[]; rttMs: number[]; lost: number }> {
  const count = echoSockets.length || visitors.length;
  const rate = count * job.pacePerSecond!;
  const windowMs = (job.to - job.from) / job.windows;
  const perWindow = new Array<number>(job.windows).fill(0);
  const rttMs: number[] = [];
  let roundTrips = 0;
  let outstanding = 0;
  let refused = 0;
  const acked = (dueAt: number) => {
    const now = wallClockMs();
    if (dueAt >= job.from && dueAt < job.to) {
      outstanding -= 1;
      rttMs.push(now - dueAt);
      if (now <= job.to) {
        roundTrips += 1;
        perWindow[Math.min(job.windows - 1, Math.floor((now - job.from) / windowMs))]! += 1;
      }
    }
  };
  // Echo sockets answer in order: each socket's due times wait in a queue for their answers.
  const dueBySocket = echoSockets.map(() => [] as number[]);
  for (const [i, ws] of echoSockets.entries()) ws.on('message', () => acked(dueBySocket[i]!.shift()!));
  const start = wallClockMs();
  let sent = 0;
  for (;;) {
    const now = wallClockMs();
    if (now >= job.to) break;
    const due = Math.floor(((now - start) / 1000) * rate) + 1;
    for (; sent < due; sent += 1) {
      const dueAt = start + (sent / rate) * 1000;
      if (dueAt >= job.to) break;
      if (dueAt >= job.from) outstanding += 1;
      const i = sent % count;
      if (echoSockets.length > 0) {
        dueBySocket[i]!.push(dueAt);
        echoSockets[i]!.send(
          JSON.stringify({
            type: 'message.send',
            clientMsgId: `p${job.from}-${sent}`,
            text: messageText(job.textBytes),
          }),
        );
      } else {
        visitors[i]!.sendMessage(messageText(job.textBytes)).then(
          () => acked(dueAt),
          () => {
            if (dueAt >= job.from && dueAt < job.to) refused += 1;
          },
        );
      }
    }
    await sleep(1);
  }
  const giveUpAt = wallClockMs() + 10_000;
  while (outstanding > refused && wallClockMs() < giveUpAt) await sleep(20);
  // Whatever is still outstanding (refused or never answered) is lost.
  return { roundTrips, perWindow, rttMs, lost: outstanding };
}

async function close(): Promise<void> {
  await Promise.all(visitors.map((v) => v.close()));
  for (const ws of echoSockets) ws.terminate();
  visitors = [];
  echoSockets = [];
  reply({ type: 'closed' });
}

process.on('message', (job: ToWorker) => {
  const run =
    job.type === 'visitors'
      ? connectVisitors(job)
      : job.type === 'pages'
        ? viewPages(job)
        : job.type === 'page-rate'
          ? pageRate(job)
          : job.type === 'probes'
            ? probeResults(job.waitMs)
            : job.type === 'relay'
              ? prepareRelay(job)
              : job.type === 'open'
                ? openChats(job)
                : job.type === 'measure'
                  ? measure(job)
                  : close();
  run.catch((error: unknown) => reply({ type: 'failed', error: String((error as Error)?.stack ?? error) }));
});
