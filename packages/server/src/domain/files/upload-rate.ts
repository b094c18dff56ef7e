import type { Clock } from '../../ports/clock.ts';

/**
 * How many files one participant may send per window, counted on this node with the clock (tests move it). A
 * visitor's uploads reach whichever node the load balancer picks, so across n nodes the bound is n × the limit:
 * a cap on floods, not an exact quota.
 */
export class UploadRate {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts one upload for `key`; answers how long to wait (ms) when the window's budget is spent, else 0. */
  take(key: string): number {
    const now = this.clock.now();
    this.forgetOld(now);
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      return 0;
    }
    if (window.count >= this.limit) return window.start + this.windowMs - now;
    window.count += 1;
    return 0;
  }

  /** Keeps the map to the participants of the last window. */
  private forgetOld(now: number): void {
    if (this.windows.size < 1000) return;
    for (const [key, window] of this.windows) {
      if (now - window.start >= this.windowMs) this.windows.delete(key);
    }
  }
}
