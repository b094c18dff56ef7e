import type { Clock, TimerHandle } from '../ports/clock.ts';

/**
 * Named deadlines on the injected clock: arming a key again replaces its previous deadline, which is how one
 * visitor keeps exactly one pending rule check. The callback's failures are reported, never thrown into the
 * clock.
 */
export class Deadlines {
  private timers = new Map<string, { at: number; handle: TimerHandle }>();

  constructor(
    private readonly clock: Clock,
    private readonly onError: (key: string, error: unknown) => void,
  ) {}

  arm(key: string, at: number, fn: () => Promise<void>): void {
    this.cancel(key);
    const handle = this.clock.setTimer(at, () => {
      const current = this.timers.get(key);
      if (current?.handle !== handle) return;
      this.timers.delete(key);
      fn().catch((error: unknown) => this.onError(key, error));
    });
    this.timers.set(key, { at, handle });
  }

  cancel(key: string): void {
    const existing = this.timers.get(key);
    if (!existing) return;
    this.clock.clearTimer(existing.handle);
    this.timers.delete(key);
  }

  dueAt(key: string): number | undefined {
    return this.timers.get(key)?.at;
  }

  size(): number {
    return this.timers.size;
  }

  cancelAll(): void {
    for (const key of [...this.timers.keys()]) this.cancel(key);
  }
}
