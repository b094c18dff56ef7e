/**
 * Server CPU over the measurement window, taken by the server process itself (run.ts forks every server): the
 * driver sends the window's wall-clock bounds, the process reads `process.cpuUsage()` (user + system, every
 * thread of the process) at both ends and reports the difference, in all and per equal sub-window.
 */
import { wallClockMs } from '@beckon/test-kit';
import type { FromNode, ToNode } from './ipc.ts';

/** Runs `then` at `time` on the wall clock shared by the bench's processes (at once if that has passed). */
export function at(time: number, then: () => void): void {
  setTimeout(then, Math.max(0, time - wallClockMs()));
}

export function serveCpuWindows(): void {
  process.on('message', (message: ToNode) => {
    if (message.type === 'cpu-now') {
      const used = process.cpuUsage();
      process.send?.({ type: 'cpu-now', micros: used.user + used.system } satisfies FromNode);
      return;
    }
    if (message.type !== 'cpu-window') return;
    at(message.from, () => {
      const start = process.cpuUsage();
      const startedAt = wallClockMs();
      const perWindow: number[] = [];
      const windowMs = (message.to - message.from) / message.windows;
      let windowStart = start;
      // Each sub-window's CPU, for medians over windows (the last one ends with the window).
      const endWindow = (i: number) => {
        const now = process.cpuUsage();
        const used = process.cpuUsage(windowStart);
        windowStart = now;
        perWindow.push(used.user + used.system);
        if (i + 1 < message.windows) at(message.from + (i + 2) * windowMs, () => endWindow(i + 1));
        else {
          const all = process.cpuUsage(start);
          process.send?.({
            type: 'cpu',
            micros: all.user + all.system,
            ms: wallClockMs() - startedAt,
            perWindow,
          } satisfies FromNode);
        }
      };
      at(message.from + windowMs, () => endWindow(0));
    });
  });
}
