import type { Clock, TimerHandle } from '../../ports/clock.ts';

/** Wall-clock time; long delays are chained because setTimeout overflows past ~24.8 days. */
const maxDelay = 2 ** 31 - 1;

export class SystemClock implements Clock {
  private nextId = 1;
  private timers = new Map<number, NodeJS.Timeout>();

  now(): number {
    return Date.now();
  }

  setTimer(at: number, fn: () => void): TimerHandle {
    const id = this.nextId++;
    const arm = () => {
      const delay = Math.max(0, at - Date.now());
      const timer = setTimeout(
        () => {
          if (at > Date.now()) return arm();
          this.timers.delete(id);
          fn();
        },
        Math.min(delay, maxDelay),
      );
      timer.unref();
      this.timers.set(id, timer);
    };
    arm();
    return { id };
  }

  clearTimer(handle: TimerHandle): void {
    const timer = this.timers.get(handle.id);
    if (timer) clearTimeout(timer);
    this.timers.delete(handle.id);
  }
}
