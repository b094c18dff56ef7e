import type { Clock, TimerHandle } from '../ports/clock.ts';

/**
 * A task run every `intervalMs` on the injected clock. The next run is armed when a run starts, so the cadence
 * holds under a fake clock too; a run still going when the next falls due is skipped, never doubled up.
 */
export class Periodic {
  private handle: TimerHandle | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly task: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    if (this.handle) return;
    this.arm();
  }

  /** Stops the cadence and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.handle) this.clock.clearTimer(this.handle);
    this.handle = undefined;
    await this.running;
  }

  /** Runs the task now (unless a run is in progress, which is then awaited instead). */
  runNow(): Promise<void> {
    if (!this.running) {
      this.running = this.task()
        .catch((error: unknown) => this.onError(error))
        .finally(() => {
          this.running = undefined;
        });
    }
    return this.running;
  }

  private arm(): void {
    this.handle = this.clock.setTimer(this.clock.now() + this.intervalMs, () => {
      this.arm();
      void this.runNow();
    });
  }
}
