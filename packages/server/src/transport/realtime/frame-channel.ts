import { type ErrorCode, errorCodes } from '@beckon/protocol';
import type { Logger } from 'pino';
import type WebSocket from 'ws';
import type { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import type { InFlight } from './in-flight.ts';

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
}

/**
 * One socket's inbound side: JSON parsing, schema validation, a token-bucket rate limit, and frames handled one
 * at a time in arrival order. Bad input gets an `error` frame with a stable code; the socket stays open.
 */
export class FrameChannel<F extends { type: string }, Out extends { type: string }> {
  private queue: Promise<void> = Promise.resolve();
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly ws: WebSocket,
    private readonly options: FrameChannelOptions<F>,
  ) {
    this.tokens = options.framesPerSecond * 2;
    this.refilledAt = options.now();
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
  }

  send(frame: Out | ErrorFrame): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(frame));
  }

  sendError(code: ErrorCode, message: string, ref?: string, details?: unknown): void {
    this.send({ type: 'error', code, message, ref, details });
  }

  private receive(data: WebSocket.RawData, isBinary: boolean): void {
    if (!this.takeToken()) {
      this.sendError('RATE_LIMITED', 'Too many frames; this one was dropped.');
      return;
    }
    let json: unknown;
    try {
      json = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      json = undefined;
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      this.sendError('MALFORMED_FRAME', 'A frame must be a JSON object with a "type".');
      return;
    }
    const type = (json as { type?: unknown }).type;
    if (typeof type !== 'string') {
      // Never stringified: an object can refuse conversion, and a deeply nested one overflows the stack.
      this.sendError('UNKNOWN_FRAME_TYPE', 'A frame needs a string "type".');
      return;
    }
    if (!this.options.knownTypes.has(type)) {
      this.sendError('UNKNOWN_FRAME_TYPE', `Unknown frame type ${JSON.stringify(type)}.`, type);
      return;
    }
    const parsed = this.options.schema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      this.sendError('VALIDATION_FAILED', `Invalid "${type}" frame.`, type, { issues });
      return;
    }
    const frame = parsed.data;
    this.queue = this.queue.then(() => this.dispatch(frame));
    this.options.inFlight?.track(this.queue);
  }

  private async dispatch(frame: F): Promise<void> {
    try {
      await this.options.handle(frame);
    } catch (error) {
      if (error instanceof DomainError) {
        this.sendError(error.code, error.message, frame.type, error.details);
      } else {
        this.options.logger.error({ err: error, frame: frame.type }, 'realtime frame failed');
        this.sendError('INTERNAL', errorCodes.INTERNAL.description, frame.type);
      }
    }
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

/** The `type` literals of a discriminated union schema, for telling unknown types from invalid frames. */
export function frameTypes(schema: {
  options: readonly { shape: { type: { value: string } } }[];
}): Set<string> {
  return new Set(schema.options.map((option) => option.shape.type.value));
}
