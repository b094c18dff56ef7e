/**
 * One Beckon node in its own process for the load benchmark (forked by run.ts with an IPC channel). It is the
 * real server (`createBeckon`, configured from the environment like `main.ts`); the IPC channel only reports
 * where it listens and, on request, its memory after a forced GC.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pino } from 'pino';
import { createBeckon } from '../../packages/server/src/app.ts';
import { loadConfigFromProcess } from '../../packages/server/src/config.ts';
import { serveCpuWindows } from './cpu-window.ts';
import type { FromNode, ToNode } from './ipc.ts';

const send = (message: FromNode) => process.send?.(message);
const config = loadConfigFromProcess();
const node = await createBeckon({ config, logger: pino({ level: config.logLevel }) });
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
  } else if (message.type === 'stop') {
    await node.close();
    process.exit(0);
  }
});
