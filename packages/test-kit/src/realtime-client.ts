import {
  type AgentServerFrame,
  agentServerFrameSchema,
  type FrameSchema,
  FrameSchemaError,
  parseFrame,
  type VisitorServerFrame,
  visitorServerFrameSchema,
} from '@beckon/protocol';
import WebSocket from 'ws';

/** The schema of the frames a server sends on a realtime path: every frame a test receives is checked by it. */
export function serverFrameSchemaFor(url: string): FrameSchema<VisitorServerFrame | AgentServerFrame> {
  const { pathname } = new URL(url);
  if (pathname.endsWith('/v1/visitor'))
    return visitorServerFrameSchema as FrameSchema<VisitorServerFrame | AgentServerFrame>;
  if (pathname.endsWith('/v1/agent'))
    return agentServerFrameSchema as FrameSchema<VisitorServerFrame | AgentServerFrame>;
  throw new Error(`no server-frame schema for ${pathname}`);
}

/**
 * A realtime test client: records every frame and lets a test await the next frame of a type. Frames are
 * consumed in order, so `next('message')` twice returns two different messages. Every frame is validated against
 * the protocol's server-frame schema of its path: a frame that breaks it fails the test (every waiter rejects
 * with a `FrameSchemaError`, and the error is thrown unhandled so the run fails even when nothing waits).
 */
/**
 * Every visitor secret a test socket was issued (`welcome.secret`), by visitor id: a test that reconnects as a
 * visitor it created proves it the way the widget does, without threading the secret through every call.
 */
export const visitorSecrets = new Map<string, string>();

export class TestSocket<In extends { type: string } = { type: string }> {
  readonly frames: In[] = [];
  private consumed = new Set<In>();
  private waiters: {
    type: string;
    match: (frame: In) => boolean;
    resolve: (frame: In) => void;
    reject: (error: Error) => void;
  }[] = [];
  /** Frames that broke the schema (the test has failed). */
  readonly schemaErrors: FrameSchemaError[] = [];

  /** Resolves with the close code and reason once the socket has closed, whichever side closed it. */
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(
    private readonly ws: WebSocket,
    schema: FrameSchema<unknown>,
    onSchemaError: (error: FrameSchemaError) => void,
  ) {
    this.closed = new Promise((resolve) => {
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    ws.on('message', (data) => {
      const parsed = parseFrame(schema, data.toString());
      if (!parsed.ok) {
        const error = new FrameSchemaError(parsed.problem, parsed.json);
        this.schemaErrors.push(error);
        for (const waiter of this.waiters.splice(0)) waiter.reject(error);
        onSchemaError(error);
        return;
      }
      const frame = parsed.frame as In;
      const issued = frame as { type: string; visitorId?: unknown; secret?: unknown };
      if (
        issued.type === 'welcome' &&
        typeof issued.visitorId === 'string' &&
        typeof issued.secret === 'string'
      )
        visitorSecrets.set(issued.visitorId, issued.secret);
      this.frames.push(frame);
      const waiter = this.waiters.find((w) => w.type === frame.type && w.match(frame));
      if (waiter) {
        this.consumed.add(frame);
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      }
    });
  }

  /**
   * Opens a socket; rejects with the HTTP status (and the error body) when the server refuses the upgrade. The
   * frames are checked against the server-frame schema of the URL's path (`/v1/visitor`, `/v1/agent`).
   */
  static connect<T extends { type: string }>(
    url: string,
    headers: Record<string, string> = {},
    options: { onSchemaError?: (error: FrameSchemaError) => void } = {},
  ): Promise<TestSocket<T>> {
    return new Promise((resolve, reject) => {
      const schema = serverFrameSchemaFor(url);
      const ws = new WebSocket(url, { headers });
      const socket = new TestSocket<T>(ws, schema, options.onSchemaError ?? throwUnhandled);
      ws.once('open', () => resolve(socket));
      ws.once('unexpected-response', (_req, res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          reject(new UpgradeRefused(res.statusCode ?? 0, Buffer.concat(chunks).toString())),
        );
        res.on('error', () => reject(new UpgradeRefused(res.statusCode ?? 0, '')));
      });
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
    const broken = this.schemaErrors[0];
    if (broken) return Promise.reject(broken);
    if (buffered) {
      this.consumed.add(buffered);
      return Promise.resolve(buffered as Extract<In, { type: T }>);
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        type,
        match: test,
        resolve: (frame: In) => resolve(frame as Extract<In, { type: T }>),
        reject,
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

/** The default: the error escapes as an unhandled exception, so the run fails even if nothing awaits a frame. */
function throwUnhandled(error: FrameSchemaError): void {
  queueMicrotask(() => {
    throw error;
  });
}

export class UpgradeRefused extends Error {
  /** The HTTP status and the response body (Beckon's `{ error: { code, message } }`). */
  constructor(
    readonly status: number,
    readonly body = '',
  ) {
    super(`upgrade refused with HTTP ${status}`);
  }
}
