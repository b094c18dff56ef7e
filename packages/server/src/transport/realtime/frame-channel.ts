import { performance } from 'node:perf_hooks';
import {
  closeCodes,
  type ErrorCode,
  errorCodes,
  frameLimits,
  limits,
  templateFaultMessage,
  templateFaultOf,
} from '@beckon/protocol';
import type { Logger } from 'pino';
import type WebSocket from 'ws';
import type { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import type { Clock } from '../../ports/clock.ts';
import { type Metrics, noMetrics, type SocketKind } from '../../ports/metrics.ts';
import { frameShape } from './frame-shape.ts';
import type { InFlight } from './in-flight.ts';
import { type Corkable, corkForTurn } from './turn-cork.ts';

interface ErrorFrame {
  type: 'error';
  code: string;
  message: string;
  ref?: string;
  details?: unknown;
}

export interface FrameChannelOptions<F extends { type: string }> {
  schema: z.ZodType<F>;
  knownTypes: ReadonlySet<string>;
  logger: Logger;
  /** Frames per second allowed on average, with bursts of twice that. */
  framesPerSecond: number;
  now: () => number;
  handle: (frame: F) => Promise<void>;
  /** Where handlers in progress are counted for a graceful shutdown. */
  inFlight?: InFlight;
  /**
   * The socket must send a valid frame of this type within `withinMs` (on the node's clock), or it is closed with
   * `closeCodes.helloTimeout`: a socket that never identifies holds nothing open for long.
   */
  identify?: { type: F['type']; withinMs: number; clock: Clock };
  /** Counts this socket, its frames and their handling time under `kind`. */
  metrics?: { kind: SocketKind; metrics: Metrics };
  /** The connection under the WebSocket: its writes are gathered per turn of the event loop (`corkForTurn`). */
  socket?: Corkable;
}

/** Longest path or message quoted from one validation issue. */
const issueTextMax = 200;

/**
 * One socket's inbound side: JSON parsing, schema validation, a token-bucket rate limit, and frames handled one
 * at a time in arrival order. Bad input gets an `error` frame with a stable code; the socket stays open.
 */
export class FrameChannel<F extends { type: string }, Out extends { type: string }> {
  /** Frames waiting while one is handled, in arrival order. */
  private readonly waiting: { frame: F; arrived: number }[] = [];
  /** The frame being handled, if any (its handler's promise has not settled). */
  private current?: { frame: F; arrived: number };
  private tokens: number;
  private refilledAt: number;
  private identifyTimer?: { clock: Clock; handle: ReturnType<Clock['setTimer']> };
  private readonly metrics: Metrics;
  /** Whether anyone counts: frames are timed and outgoing texts' types read only then. */
  private readonly counting: boolean;
  private readonly kind: SocketKind;

  constructor(
    private readonly ws: WebSocket,
    private readonly options: FrameChannelOptions<F>,
  ) {
    this.tokens = options.framesPerSecond * 2;
    this.refilledAt = options.now();
    this.metrics = options.metrics?.metrics ?? noMetrics;
    this.counting = this.metrics !== noMetrics;
    this.kind = options.metrics?.kind ?? 'visitor';
    this.metrics.socketOpened(this.kind);
    // One close listener for all the channel does at close, added with `on` (a socket closes once): each
    // `once` costs a wrapper per socket, and a node holds one channel per visitor.
    ws.on('close', () => this.closed());
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    const { identify } = options;
    if (identify) {
      const handle = identify.clock.setTimer(identify.clock.now() + identify.withinMs, () => {
        this.identifyTimer = undefined;
        ws.close(closeCodes.helloTimeout, 'no hello in time');
      });
      this.identifyTimer = { clock: identify.clock, handle };
    }
  }

  private closed(): void {
    this.metrics.socketClosed(this.kind);
    this.identified();
  }

  private identified(): void {
    if (!this.identifyTimer) return;
    this.identifyTimer.clock.clearTimer(this.identifyTimer.handle);
    this.identifyTimer = undefined;
  }

  send(frame: Out | ErrorFrame): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.write(JSON.stringify(frame));
    this.metrics.frameOut(this.kind, frame.type);
  }

  /** An `Out` frame already serialised (as the bus delivers it): sent as it is, never parsed here. */
  sendText(text: string): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.write(text);
    if (this.counting) this.metrics.frameOut(this.kind, frameTypeOf(text));
  }

  private write(text: string): void {
    if (this.options.socket) corkForTurn(this.options.socket);
    this.ws.send(text);
  }

  sendError(code: ErrorCode, message: string, ref?: string, details?: unknown): void {
    this.send({ type: 'error', code, message, ref, details });
  }

  private receive(data: WebSocket.RawData, isBinary: boolean): void {
    if (!this.takeToken()) {
      this.refuse('RATE_LIMITED', 'Too many frames; this one was dropped.');
      return;
    }
    // Checked before parsing: a frame over the limit costs its byte count, never a parse. (Larger than the hard
    // cap, `ws` has already closed the socket with 1009 without buffering it.)
    if (byteLength(data) > limits.frameMaxBytes) {
      this.refuse('PAYLOAD_TOO_LARGE', `A frame may have at most ${limits.frameMaxBytes} bytes.`);
      return;
    }
    const bytes = toBuffer(data);
    const shape = isBinary ? 'ok' : frameShape(bytes);
    if (shape !== 'ok') {
      this.refuse(
        'PAYLOAD_TOO_LARGE',
        shape === 'too-deep'
          ? `A frame may nest at most ${frameLimits.frameMaxDepth} levels deep.`
          : 'A frame holds more values than any frame type allows.',
      );
      return;
    }
    let json: unknown;
    try {
      json = isBinary ? undefined : JSON.parse(bytes.toString());
    } catch {
      json = undefined;
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      this.refuse('MALFORMED_FRAME', 'A frame must be a JSON object with a "type".');
      return;
    }
    const type = (json as { type?: unknown }).type;
    if (typeof type !== 'string') {
      // Never stringified: an object can refuse conversion, and a deeply nested one overflows the stack.
      this.refuse('UNKNOWN_FRAME_TYPE', 'A frame needs a string "type".');
      return;
    }
    if (!this.options.knownTypes.has(type)) {
      // Echoed cut short: the answer to a hostile frame stays small whatever its type's length.
      const shown = type.length > 64 ? `${type.slice(0, 64)}…` : type;
      this.refuse('UNKNOWN_FRAME_TYPE', `Unknown frame type ${JSON.stringify(shown)}.`, shown);
      return;
    }
    const parsed = this.options.schema.safeParse(json);
    if (!parsed.success) {
      this.refuse('VALIDATION_FAILED', `Invalid "${type}" frame.`, type, issueDetails(parsed.error.issues));
      return;
    }
    const frame = parsed.data;
    this.metrics.frameIn(this.kind, frame.type);
    if (frame.type === this.options.identify?.type) this.identified();
    const entry = { frame, arrived: this.counting ? performance.now() : 0 };
    this.options.inFlight?.begin();
    if (this.current) this.waiting.push(entry);
    else this.start(entry);
  }

  /** Answers a frame dropped before any handler (rate, size, shape, type, schema), counted as `refused`. */
  private refuse(code: ErrorCode, message: string, ref?: string, details?: unknown): void {
    this.metrics.frameIn(this.kind, 'refused');
    this.sendError(code, message, ref, details);
  }

  /**
   * Hands one frame to its handler. The handler's promise and one `then` are all a frame costs: no chain of
   * async functions per frame. The next frame starts only once this one has settled, so frames stay in order.
   */
  private start(entry: { frame: F; arrived: number }): void {
    this.current = entry;
    let handled: Promise<void>;
    try {
      handled = this.options.handle(entry.frame);
    } catch (error) {
      handled = Promise.reject(error);
    }
    handled.then(this.onHandled, this.onFailed);
  }

  private readonly onHandled = (): void => {
    const { frame, arrived } = this.current as { frame: F; arrived: number };
    try {
      if (this.counting)
        this.metrics.frameHandled(this.kind, frame.type, (performance.now() - arrived) / 1000);
    } finally {
      this.next();
    }
  };

  private readonly onFailed = (error: unknown): void => {
    const { frame } = this.current as { frame: F; arrived: number };
    try {
      if (error instanceof DomainError) {
        this.sendError(error.code, error.message, frame.type, error.details);
      } else {
        this.options.logger.error({ err: error, frame: frame.type }, 'realtime frame failed');
        this.sendError('INTERNAL', errorCodes.INTERNAL.description, frame.type);
      }
    } finally {
      this.next();
    }
  };

  private next(): void {
    this.current = undefined;
    this.options.inFlight?.end();
    const entry = this.waiting.shift();
    if (entry) this.start(entry);
  }

  private takeToken(): boolean {
    const now = this.options.now();
    const rate = this.options.framesPerSecond;
    this.tokens = Math.min(rate * 2, this.tokens + ((now - this.refilledAt) / 1000) * rate);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** The `type` of a frame's JSON text, which our frames carry first (`{"type":"…"`); `unknown` otherwise. */
export function frameTypeOf(text: string): string {
  const head = '{"type":"';
  if (!text.startsWith(head)) return 'unknown';
  const end = text.indexOf('"', head.length);
  return end < 0 ? 'unknown' : text.slice(head.length, end);
}

function byteLength(data: WebSocket.RawData): number {
  return Array.isArray(data) ? data.reduce((sum, part) => sum + part.byteLength, 0) : data.byteLength;
}

function toBuffer(data: WebSocket.RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}

/** The first few issues, each cut short, and how many more there were: an error frame's size is bounded. */
export function issueDetails(issues: readonly z.core.$ZodIssue[]): {
  issues: { path: string; message: string; params?: unknown }[];
  more?: number;
} {
  const listed = issues.slice(0, frameLimits.errorMaxIssues).map((i) => {
    const fault = templateFaultOf(i);
    const issue = {
      path: i.path.join('.').slice(0, issueTextMax),
      message: (fault ? templateFaultMessage(fault) : i.message).slice(0, issueTextMax),
    };
    // A message template's fault: its kind and place, for the console to word it in its language.
    if (!fault) return issue;
    const { kind, position, variable } = fault;
    const template = { kind, position, variable: variable?.slice(0, issueTextMax) };
    return { ...issue, code: i.code, params: { template } };
  });
  const more = issues.length - listed.length;
  return more > 0 ? { issues: listed, more } : { issues: listed };
}

/** The `type` literals of a discriminated union schema, for telling unknown types from invalid frames. */
export function frameTypes(schema: {
  options: readonly { shape: { type: { value: string } } }[];
}): Set<string> {
  return new Set(schema.options.map((option) => option.shape.type.value));
}
