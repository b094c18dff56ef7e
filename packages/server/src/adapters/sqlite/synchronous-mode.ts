import type BetterSqlite3 from 'better-sqlite3';

/**
 * Reads and sets the connection's `synchronous` mode through statements prepared once: `pragma()` prepares its
 * statement on every call, and the relay switches the mode around every batch.
 */
export class SynchronousMode {
  private readonly read: BetterSqlite3.Statement;
  private readonly setters = new Map<number, BetterSqlite3.Statement>();

  constructor(private readonly database: BetterSqlite3.Database) {
    this.read = database.prepare('pragma synchronous').pluck();
  }

  /** The mode as SQLite numbers it (0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA). */
  get(): number {
    return this.read.get() as number;
  }

  set(mode: number): void {
    let setter = this.setters.get(mode);
    if (!setter) {
      setter = this.database.prepare(`pragma synchronous = ${Math.trunc(mode)}`);
      this.setters.set(mode, setter);
    }
    setter.run();
  }
}
