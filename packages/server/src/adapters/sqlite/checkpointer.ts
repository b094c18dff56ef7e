import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the background connection copies the write-ahead log back into the database file. */
const defaultIntervalMs = 1_000;

/**
 * Runs the WAL checkpoints of the embedded database on a worker thread, with a connection of its own.
 *
 * better-sqlite3 is synchronous: with SQLite's automatic checkpoint (every 1,000 WAL pages) the commit that
 * crosses the threshold copies those pages into the database file and flushes it on the event loop, stalling
 * every socket of the node for tens to hundreds of milliseconds under load. A PASSIVE checkpoint from another
 * connection runs beside the node's readers and writers (that is what WAL allows), so the main connection turns
 * its automatic checkpoints off while this runs, and turns them back on if the thread fails.
 */
export class BackgroundCheckpointer {
  private readonly worker: Worker;
  private stopped = false;

  constructor(file: string, onFailure: (error: unknown) => void, intervalMs = defaultIntervalMs) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    // Plain CommonJS evaluated in the thread: no loader or build step is needed for it.
    this.worker = new Worker(
      `
      const { parentPort, workerData } = require('node:worker_threads');
      const Database = require(workerData.driver);
      const db = new Database(workerData.file, { timeout: 5000 });
      const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.intervalMs);
      parentPort.on('message', () => {
        clearInterval(timer);
        db.close();
        parentPort.close();
      });
      `,
      { eval: true, workerData: { driver, file, intervalMs } },
    );
    this.worker.unref();
    this.worker.on('error', (error) => {
      if (!this.stopped) onFailure(error);
    });
  }

  /** Stops the thread after its current checkpoint; the node's last close checkpoints what is left. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    // Unref'd, the thread would not keep a short-lived process (the reset command) alive until it exits.
    this.worker.ref();
    this.worker.postMessage('stop');
    await exited;
  }
}
