/**
 * Server CPU over the measurement window, taken by the server process itself (run.ts forks every server): the
 * driver sends the window's wall-clock bounds, the process reads `process.cpuUsage()` (user + system, every
 * thread of the process) at both ends and reports the difference.
 */
import { wallClockMs } from '@beckon/test-kit';
import type { FromNode, ToNode } from './ipc.ts';

export function serveCpuWindows(): void {
  process.on('message', (message: ToNode) => {
    if (message.type !== 'cpu-window') return;
    const at = (time: number, then: () => void) => setTimeout(then, Math.max(0, time - wallClockMs()));
    at(message.from, () => {
      const start = process.cpuUsage();
      const startedAt = wallClockMs();
      at(message.to, () => {
        const used = process.cpuUsage(start);
        process.send?.({
          type: 'cpu',
          micros: used.user + used.system,
          ms: wallClockMs() - startedAt,
        } satisfies FromNode);
      });
    });
  });
}
