import { type FileHandle, open } from 'node:fs/promises';

/**
 * Makes commits durable without blocking the event loop. better-sqlite3 runs on the event loop, so a commit at
 * `synchronous = FULL` stalls every socket while the disk flushes the write-ahead log (0.3–2 ms here, far more
 * when other commits left the log unflushed). Instead the hot paths commit at `synchronous = NORMAL` — atomic and
 * in order, safe against a crash of the process — and then flush the log file with `fdatasync` on libuv's
 * thread pool: once `sync()` resolves, every commit made before the call is on disk, exactly as FULL would have
 * it (ADR 0003). Calls coalesce: at most one flush runs, and at most one more is queued for the commits made
 * while it ran.
 */
export class WalSync {
  private file: FileHandle | undefined;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly walPath: string) {}

  /** Resolves once everything committed before this call is on disk. */
  sync(): Promise<void> {
    if (!this.running) {
      this.running = this.flush();
      return this.running;
    }
    // The flush under way may have started before the caller's commit: the caller needs the next one.
    this.queued ??= this.running.then(
      () => this.next(),
      () => this.next(),
    );
    return this.queued;
  }

  /** A flush in the background: for telemetry that need not wait, so later flushes have less to do. */
  soon(onError: (error: unknown) => void): void {
    if (this.queued) return;
    this.sync().catch(onError);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([this.running, this.queued]);
    await this.file?.close();
    this.file = undefined;
  }

  private next(): Promise<void> {
    this.queued = undefined;
    this.running = this.flush();
    return this.running;
  }

  private async flush(): Promise<void> {
    try {
      if (this.closed) return;
      // The log exists from the first commit in WAL mode (none yet: nothing to flush); fdatasync needs no
      // write access.
      this.file ??= await open(this.walPath, 'r').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      await this.file?.datasync();
    } finally {
      this.running = undefined;
    }
  }
}
