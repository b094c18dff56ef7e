import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How the write-ahead log is kept small; `DEFAULT_WAL_BOUND` unless a test picks smaller figures. */
export interface WalBound {
  /** How often the background connection copies the log back into the database file. */
  checkpointIntervalMs: number;
  /** Past this size, after each pass the background thread asks the node to finish the log. */
  catchUpAboveBytes: number;
  /** The log file is cut back to this size each time it starts again from its beginning. */
  sizeLimitBytes: number;
}

export const DEFAULT_WAL_BOUND: WalBound = {
  checkpointIntervalMs: 1_000,
  catchUpAboveBytes: 16 * 1024 * 1024,
  sizeLimitBytes: 16 * 1024 * 1024,
};

/** The node's side of the catch-up: its message commits, held while the thread copies the end of the log. */
export interface CheckpointedWriter {
  /** Starts no message commit until `resume` (none is under way: commits are synchronous). */
  pause(): void;
  resume(): void;
  /** Copies, on the node's own connection between two writes, the frames the thread's pass could not. */
  catchUp(): Promise<void>;
}

/**
 * Runs the WAL checkpoints of the embedded database on a worker thread, with a connection of its own.
 *
 * better-sqlite3 is synchronous: with SQLite's automatic checkpoint (every 1,000 WAL pages) the commit that
 * crosses the threshold copies those pages into the database file and flushes it on the event loop, stalling
 * every socket of the node for tens to hundreds of milliseconds under load. A PASSIVE checkpoint from another
 * connection runs beside the node's readers and writers (that is what WAL allows), so the main connection turns
 * its automatic checkpoints off while this runs, and turns them back on if the thread fails.
 *
 * A checkpoint from beside the writer never lets the log start again from its beginning: SQLite rewinds it only
 * when a write begins with every frame already copied, and under sustained writes new frames always arrive
 * while the thread copies (one relay grew the log past 1.5 GB in 23 s). So past `catchUpAboveBytes` the thread
 * asks the node to pause its message commits (`CheckpointedWriter.pause`), copies the frames written during its
 * last pass, and lets the node go on, whose next write then rewinds the log and cuts the file back. The copy runs
 * here, not on the node's connection: a checkpoint flushes the log and the database file to disk first and last,
 * which held the event loop for 10–47 ms several times a second under the relay when the node ran it. Frames
 * that other writes added during the pause are left to the node's own catch-up (`CheckpointedWriter.catchUp`),
 * between two writes, as few as a pause lets through.
 */
export class BackgroundCheckpointer {
  private readonly worker: Worker;
  private stopped = false;
  /** The node's commits are held for the thread's pass. */
  private paused = false;

  constructor(
    file: string,
    onFailure: (error: unknown) => void,
    private readonly writer: CheckpointedWriter,
    bound: WalBound = DEFAULT_WAL_BOUND,
  ) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    // Plain CommonJS evaluated in the thread: no loader or build step is needed for it.
    this.worker = new Worker(
      `
      const { parentPort, workerData } = require('node:worker_threads');
      const { statSync } = require('node:fs');
      const Database = require(workerData.driver);
      const db = new Database(workerData.file, { timeout: 5000 });
      const walBytes = () => { try { return statSync(workerData.file + '-wal').size; } catch { return 0; } };
      // Frames of the log not copied into the database file yet, from a checkpoint's answer.
      const pass = () => { const [r] = db.pragma('wal_checkpoint(PASSIVE)'); return r.log - r.checkpointed; };
      // The log's size is looked at every 100 ms (a stat), so a burst is caught long before the next pass is due.
      // Behind, the thread asks the node to pause its commits and waits: until the node has caught up, no pass
      // runs but the one the pause is for (a pass under way would make the node's own checkpoint give up).
      let waiting = false;
      let lastPass = Date.now();
      const timer = setInterval(() => {
        if (waiting) return;
        const behind = walBytes() > workerData.catchUpAboveBytes;
        if (!behind && Date.now() - lastPass < workerData.checkpointIntervalMs) return;
        pass();
        lastPass = Date.now();
        if (walBytes() > workerData.catchUpAboveBytes) {
          waiting = true;
          parentPort.postMessage('behind');
        }
      }, Math.min(100, workerData.checkpointIntervalMs));
      parentPort.on('message', (message) => {
        if (message === 'paused') {
          parentPort.postMessage({ left: pass() });
          return;
        }
        if (message === 'caught-up') {
          waiting = false;
          return;
        }
        clearInterval(timer);
        db.close();
        parentPort.close();
      });
      `,
      { eval: true, workerData: { driver, file, ...bound } },
    );
    this.worker.on('message', async (message: 'behind' | { left: number }) => {
      if (message === 'behind') {
        if (this.stopped) return;
        this.paused = true;
        writer.pause();
        this.worker.postMessage('paused');
        return;
      }
      this.resume();
      if (message.left > 0) await writer.catchUp();
      if (!this.stopped) this.worker.postMessage('caught-up');
    });
    this.worker.unref();
    this.worker.on('error', (error) => {
      this.resume();
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
    // A pass the node paused for may have ended with the thread, its answer never sent.
    this.resume();
  }

  private resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.writer.resume();
  }
}
