/**
 * One Beckon node in its own process for the hostile-frame benchmark (forked by run.ts with an IPC channel). It is
 * the real server, configured from the environment like `main.ts`; the IPC channel reports where it listens and,
 * between a `mark` and a `measure`, the largest event-loop stall and the CPU time this process used.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pino } from 'pino';
import { createBeckon } from '../../packages/server/src/app.ts';
import { loadConfigFromProcess } from '../../packages/server/src/config.ts';

export type ToNode = { type: 'mark' } | { type: 'measure' } | { type: 'stop' };
export type FromNode =
  | { type: 'ready'; port: number }
  | { type: 'marked' }
  /** Since the last mark: the largest event-loop delay and the CPU time (user + system), in ms. */
  | { type: 'measured'; maxStallMs: number; cpuMs: number };

const send = (message: FromNode) => process.send?.(message);
const config = loadConfigFromProcess();
const node = await createBeckon({ config, logger: pino({ level: config.logLevel }) });
const { port } = await node.listen();
// A 1 ms resolution: a stall shows as the delay of the sampling timer behind it.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
let cpuAtMark = process.cpuUsage();
send({ type: 'ready', port });

process.on('message', async (message: ToNode) => {
  if (message.type === 'mark') {
    loopDelay.reset();
    cpuAtMark = process.cpuUsage();
    send({ type: 'marked' });
  } else if (message.type === 'measure') {
    const cpu = process.cpuUsage(cpuAtMark);
    send({ type: 'measured', maxStallMs: loopDelay.max / 1e6, cpuMs: (cpu.user + cpu.system) / 1000 });
  } else if (message.type === 'stop') {
    await node.close();
    process.exit(0);
  }
});
