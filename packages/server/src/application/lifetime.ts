/** Thrown by `Lifetime.own` when the connection closed while a step was awaited; the use case stops there. */
export class ConnectionClosed extends Error {
  constructor() {
    super('The connection closed.');
  }
}

/**
 * What one connection holds (a live session, a bus subscription, an absence record), released once when it
 * closes. A step that finishes after the close is released at once: this is the single closing guard, so no
 * step leaves anything registered behind a socket that is gone.
 */
export class Lifetime {
  private readonly releases: Array<() => unknown> = [];
  private ended = false;

  get closed(): boolean {
    return this.ended;
  }

  /** Keeps `release` until the close; after it, runs it now and throws `ConnectionClosed`. */
  own(release: () => unknown): void {
    if (this.ended) {
      release();
      throw new ConnectionClosed();
    }
    this.releases.push(release);
  }

  /** Throws `ConnectionClosed` if the connection is gone (before a step that would arm something new). */
  open(): void {
    if (this.ended) throw new ConnectionClosed();
  }

  /** Runs every release in the order they were taken. */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    for (const release of this.releases.splice(0)) release();
  }
}
