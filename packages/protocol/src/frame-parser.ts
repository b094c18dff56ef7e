import { z } from 'zod';

/** The schema of one direction of a realtime path (e.g. `visitorServerFrameSchema`). */
export type FrameSchema<T> = z.ZodType<T>;

/** One realtime frame read against its schema: the frame, or what is wrong with it. */
export type ParsedFrame<T> = { ok: true; frame: T } | { ok: false; problem: string; json?: unknown };

/**
 * Reads one frame as a receiver must: JSON, then the protocol schema. The problem names the frame's `type` and
 * every zod issue (one per line), so a client can report a server that breaks the contract instead of guessing.
 */
export function parseFrame<T>(schema: FrameSchema<T>, data: unknown): ParsedFrame<T> {
  if (typeof data !== 'string') return { ok: false, problem: 'not a text frame' };
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, frame: result.data };
  const type = typeof json === 'object' && json !== null && 'type' in json ? String(json.type) : '(none)';
  return { ok: false, problem: `frame type ${type}: ${z.prettifyError(result.error)}`, json };
}

/** A frame that breaks the protocol schema, thrown by receivers that must fail loudly (tests). */
export class FrameSchemaError extends Error {
  constructor(
    readonly problem: string,
    readonly json: unknown,
  ) {
    super(`a frame breaks the protocol schema: ${problem}\n${JSON.stringify(json)?.slice(0, 2000)}`);
    this.name = 'FrameSchemaError';
  }
}

/** `parseFrame` that throws `FrameSchemaError`. */
export function parseFrameStrict<T>(schema: FrameSchema<T>, data: unknown): T {
  const parsed = parseFrame(schema, data);
  if (parsed.ok) return parsed.frame;
  throw new FrameSchemaError(parsed.problem, parsed.json);
}
