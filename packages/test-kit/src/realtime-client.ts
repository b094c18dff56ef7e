import WebSocket from 'ws';

/**
 * A realtime test client: records every frame and lets a test await the next frame of a type. Frames are
 * consumed in order, so `next('message')` twice returns two different messages.
 */
export class TestSocket<In extends { type: string } = { type: string }> {
  readonly frames: In[] = [];
  private consumed = new Set<In>();
  private waiters: { type: string; match: (frame: In) => boolean; resolve: (frame: In) => void }[] = [];

  /** Resolves with the close code and reason once the socket has closed, whichever side closed it. */
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(private readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => {
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as In;
      this.frames.push(frame);
      const waiter = this.waiters.find((w) => w.type === frame.type && w.match(frame));
      if (waiter) {
        this.consumed.add(frame);
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      }
    });
  }

  /** Opens a socket; rejects with the HTTP status when the server refuses the upgrade. */
  static connect<T extends { type: string }>(
    url: string,
    headers: Record<string, string> = {},
  ): Promise<TestSocket<T>> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      const socket = new TestSocket<T>(ws);
      ws.once('open', () => resolve(socket));
      ws.once('unexpected-response', (_req, res) => reject(new UpgradeRefused(res.statusCode ?? 0)));
      ws.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The next not-yet-consumed frame of this type (and matching the predicate), waiting up to `timeoutMs`. */
  next<T extends In['type']>(
    type: T,
    match: (frame: Extract<In, { type: T }>) => boolean = () => true,
    timeoutMs = 3000,
  ): Promise<Extract<In, { type: T }>> {
    const test = (frame: In) => match(frame as Extract<In, { type: T }>);
    const buffered = this.frames.find((f) => f.type === type && !this.consumed.has(f) && test(f));
    if (buffered) {
      this.consumed.add(buffered);
      return Promise.resolve(buffered as Extract<In, { type: T }>);
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        type,
        match: test,
        resolve: (frame: In) => resolve(frame as Extract<In, { type: T }>),
      };
      this.waiters.push(waiter);
      setTimeout(() => {
        if (!this.waiters.includes(waiter)) return;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(
          new Error(
            `no "${type}" frame within ${timeoutMs} ms; got ${this.frames.map((f) => f.type).join(', ')}`,
          ),
        );
      }, timeoutMs).unref();
    });
  }

  /** Frames of a type received so far (consumed or not). */
  all<T extends In['type']>(type: T): Extract<In, { type: T }>[] {
    return this.frames.filter((f) => f.type === type) as Extract<In, { type: T }>[];
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }
}

export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with HTTP ${status}`);
  }
}
