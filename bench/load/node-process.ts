/**
 * One Beckon node in its own process for the load benchmark (forked by run.ts with an IPC channel). It is the
 * real server (`createBeckon`, configured from the environment like `main.ts`); the IPC channel only reports
 * where it listens and, on request, its memory after a forced GC, its event-loop delay and the page views it
 * has stored (with BENCH_HEAP_SNAPSHOT, a heap snapshot per memory reading). With BENCH_NODE_TREE the server is that checkout's (the same bench, another node: before and
 * after in one run).
 */
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { pino } from 'pino';
import type { createBeckon as CreateBeckon } from '../../packages/server/src/app.ts';
import type { loadConfigFromProcess as LoadConfig } from '../../packages/server/src/config.ts';
import { serveCpuWindows } from './cpu-window.ts';
import type { FromNode, ToNode } from './ipc.ts';

const tree =
  process.env.BENCH_NODE_TREE ?? path.join(path.dirname(new URL(import.meta.url).pathname), '../..');
const server = path.join(tree, 'packages/server/src');
const { createBeckon } = (await import(path.join(server, 'app.ts'))) as { createBeckon: typeof CreateBeckon };
const { loadConfigFromProcess } = (await import(path.join(server, 'config.ts'))) as {
  loadConfigFromProcess: typeof LoadConfig;
};

const send = (message: FromNode) => process.send?.(message);
const config = loadConfigFromProcess();
const node = await createBeckon({ config, logger: pino({ level: config.logLevel }) });
// Page views stored so far, counted as each one's write finishes: what the node keeps up with.
let pageViews = 0;
const store = node.store as { recordPageView: (...args: never[]) => Promise<void> };
const recordPageView = store.recordPageView.bind(node.store);
store.recordPageView = async (...args) => {
  await recordPageView(...args);
  pageViews += 1;
};
const { port } = await node.listen();
send({ type: 'ready', port });
serveCpuWindows();
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

process.on('message', async (message: ToNode) => {
  if (message.type === 'memory') {
    const gc = (globalThis as { gc?: () => void }).gc;
    // Twice, a moment apart: the second pass collects what the first one's finalisers released.
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 200));
    gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    // BENCH_HEAP_SNAPSHOT=<dir>: a heap snapshot at each measurement, to see what the visitors' heap holds.
    const snapshots = process.env.BENCH_HEAP_SNAPSHOT;
    if (snapshots) writeHeapSnapshot(path.join(snapshots, `node-${process.pid}-${Date.now()}.heapsnapshot`));
    send({ type: 'memory', rss, heapUsed });
  } else if (message.type === 'loop') {
    const ms = (ns: number) => ns / 1e6;
    send({
      type: 'loop',
      p50: ms(loopDelay.percentile(50)),
      p99: ms(loopDelay.percentile(99)),
      max: ms(loopDelay.max),
    });
    loopDelay.reset();
  } else if (message.type === 'page-views') {
    send({ type: 'page-views', count: pageViews });
  } else if (message.type === 'stop') {
    await node.close();
    process.exit(0);
  }
});
