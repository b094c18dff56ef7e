/**
 * A golden transcript: the frames a client sends and the frames a conforming server answers, as data. Values in
 * expected frames may be placeholders: `<any>`, `<string>`, `<number>`, or `<capture:name>` (any value, kept as
 * `{{name}}` for the frames that follow). `{{name}}` in any string is replaced by a captured value or an input
 * (`{{origin}}`, `{{widgetKey}}`). Expected objects match when every listed field matches (others are ignored);
 * arrays match element by element and must have the same length.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** What a transcript needs from the target beyond the inputs every run has. */
export type Capability = 'clock' | 'shutdown';

export type Step =
  /** Opens a socket: the widget's (`/v1/visitor?key=…` with the origin) or the agent's (signed in). */
  | { open: string; path: 'visitor' | 'agent' }
  /** Sends a frame (placeholders replaced). */
  | { send: string; frame: Json }
  /** Sends one text frame of this many bytes (over the size limit). */
  | { sendBytes: string; bytes: number }
  /** The next frame of `frame.type` (others are skipped, not consumed) must match. */
  | { expect: string; frame: { type: string } & { [key: string]: Json } }
  /** Closes the socket from the client side. */
  | { close: string }
  /** The server closes the socket with this code. */
  | { closed: string; code: number }
  /** The upgrade is refused with this HTTP status and error body; no socket opens. */
  | {
      refused: { path: 'visitor' | 'agent'; key?: string; origin?: string; signedIn?: boolean };
      status: number;
      body: Json;
    }
  /** Moves the server's clock (capability `clock`). */
  | { advanceClock: number }
  /** Starts a graceful shutdown of the node (capability `shutdown`). */
  | { shutdown: true };

export interface Transcript {
  name: string;
  /** What the transcript proves, in one sentence. */
  about: string;
  requires?: Capability[];
  steps: Step[];
}

export type Vars = Map<string, Json>;

/** Replaces `{{name}}` in every string of `value`. A string that is only `{{name}}` takes the value's type. */
export function fill(value: Json, vars: Vars): Json {
  if (typeof value === 'string') {
    const whole = /^\{\{(\w+)\}\}$/.exec(value);
    if (whole) return lookup(whole[1] as string, vars);
    return value.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(lookup(name, vars)));
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, vars));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)]));
  return value;
}

function lookup(name: string, vars: Vars): Json {
  const value = vars.get(name);
  if (value === undefined) throw new Error(`no value for {{${name}}} yet`);
  return value;
}

/**
 * Whether `actual` matches the expected pattern; captures go into `captured` (applied by the caller only when
 * the whole frame matches). Returns the path of the first mismatch, or undefined.
 */
export function mismatch(
  expected: Json,
  actual: unknown,
  vars: Vars,
  captured: Vars,
  path = '$',
): string | undefined {
  if (typeof expected === 'string') {
    const capture = /^<capture:(\w+)>$/.exec(expected);
    if (capture) {
      if (actual === undefined) return `${path}: missing`;
      captured.set(capture[1] as string, actual as Json);
      return undefined;
    }
    if (expected === '<any>') return actual === undefined ? `${path}: missing` : undefined;
    if (expected === '<string>') return typeof actual === 'string' ? undefined : `${path}: not a string`;
    if (expected === '<number>') return typeof actual === 'number' ? undefined : `${path}: not a number`;
    const want = fill(expected, vars);
    return Object.is(want, actual)
      ? undefined
      : `${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(want)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return `${path}: ${JSON.stringify(actual)?.slice(0, 200)} is not an array of ${expected.length}`;
    for (const [i, item] of expected.entries()) {
      const miss = mismatch(item, actual[i], vars, captured, `${path}[${i}]`);
      if (miss) return miss;
    }
    return undefined;
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return `${path}: not an object`;
    for (const [key, value] of Object.entries(expected)) {
      const miss = mismatch(
        value,
        (actual as Record<string, unknown>)[key],
        vars,
        captured,
        `${path}.${key}`,
      );
      if (miss) return miss;
    }
    return undefined;
  }
  return Object.is(expected, actual)
    ? undefined
    : `${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`;
}
