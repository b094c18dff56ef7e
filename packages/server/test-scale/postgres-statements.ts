import pg from 'pg';

/**
 * Counts every statement this process sends PostgreSQL while counting is on: every node's statements go through
 * a pooled client's `query` (Kysely's driver and the raw pool alike). Counts, not times, so a test bounding them
 * does not depend on the machine's load.
 */
export class PostgresStatements {
  private readonly query = pg.Client.prototype.query;
  private counting = false;
  /** Statements sent since `start()`. */
  count = 0;
  private readonly texts = new Map<string, number>();

  constructor() {
    const counter = this;
    const original = this.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      if (counter.counting) {
        counter.count++;
        const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
        counter.texts.set(text ?? '?', (counter.texts.get(text ?? '?') ?? 0) + 1);
      }
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
  }

  start(): void {
    this.count = 0;
    this.texts.clear();
    this.counting = true;
  }

  stop(): void {
    this.counting = false;
  }

  /** The most frequent statements, for a failure's message: they say which read came back per operation. */
  mostFrequent(top: number): string {
    return [...this.texts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([text, n]) => `${n} × ${text.replace(/\s+/g, ' ').slice(0, 160)}`)
      .join('\n');
  }

  restore(): void {
    pg.Client.prototype.query = this.query;
  }
}
