/**
 * A deterministic clock for tests. It has the same shape as the server's `Clock` port, so it can be handed to
 * the server in place of the system clock; `advance(ms)` runs every timer that falls due, in due-time order,
 * letting promise callbacks settle between timers.
 */
export interface TimerHandle {
  readonly id: number;
}

interface PendingTimer {
  id: number;
  at: number;
  seq: number;
  fn: () => void;
}

export class FakeClock {
  private current: number;
  private nextId = 1;
  private seq = 0;
  private timers = new Map<number, PendingTimer>();

  constructor(start = Date.UTC(2026, 0, 5, 10, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(at: number, fn: () => void): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { id, at: Math.max(at, this.current), seq: this.seq++, fn });
    return { id };
  }

  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle.id);
  }

  pendingTimers(): number {
    return this.timers.size;
  }

  /**
   * A stall (a long GC pause, a suspended VM): time moves forward by `ms` at once, and only then do the timers that
   * fell due meanwhile fire, late, each once, at the new time, as a paused process's timers do. `advance` instead
   * lets time pass with the timers firing on time, which is a process running, not a stall.
   */
  async jump(ms: number): Promise<void> {
    this.current += ms;
    const due = [...this.timers.values()]
      .filter((t) => t.at <= this.current)
      .sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const timer of due) {
      this.timers.delete(timer.id);
      timer.fn();
      await settle();
    }
  }

  /** Moves time forward by `ms`, firing due timers in order (timers armed by timers fire too if due). */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      const due = [...this.timers.values()]
        .filter((t) => t.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers.delete(due.id);
      this.current = due.at;
      due.fn();
      await settle();
    }
    this.current = target;
    await settle();
  }
}

/** Lets pending promise chains (and I/O callbacks already queued) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
