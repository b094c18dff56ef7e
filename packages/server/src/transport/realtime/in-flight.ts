/**
 * Counts the frame handlers running or queued on this node, so a graceful shutdown can wait for the writes they
 * started (a message being stored, an offer being accepted) before it closes the store. A count, not a set of
 * promises: a frame costs an increment and a decrement, not a promise and a callback of its own.
 */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  /** A frame accepted for handling; `end` once its handler has settled. */
  begin(): void {
    this.count += 1;
  }

  end(): void {
    this.count -= 1;
    if (this.count > 0 || this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  get size(): number {
    return this.count;
  }

  /** Resolves once nothing is running, including work that started while waiting. */
  async idle(): Promise<void> {
    while (this.count > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}
