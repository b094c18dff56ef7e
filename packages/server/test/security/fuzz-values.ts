import fc from 'fast-check';

/** The largest `error` frame or HTTP error body the suite accepts. */
export const errorBytesLimit = 16 * 1024;

/** What the fuzzer sends on a socket: text (usually JSON), a binary frame, or a text frame that is not UTF-8. */
export type SocketInput =
  | { kind: 'text'; data: string }
  | { kind: 'binary'; data: Uint8Array }
  | { kind: 'invalid-utf8'; data: Uint8Array };

/** Sets a key as an own property, so `__proto__` and friends reach the wire instead of changing a prototype. */
function withOwnKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return target;
}

/** An object with `keys` keys (numbers and strings, alternately). */
export function wideObject(keys: number): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (let i = 0; i < keys; i++) object[`k${i}`] = i % 2 ? `v${i}` : i;
  return object;
}

/** A value nested `depth` levels deep, objects and arrays alternately. */
export function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

const prototypeKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

const prototypePolluter = fc
  .constantFrom(...prototypeKeys)
  .map((key) => withOwnKey({}, key, { polluted: true, prototype: { polluted: true } }));

/** Numbers and number-like strings that break naive parsing. */
const awkwardNumbers = fc.constantFrom<unknown>(
  1e308,
  -1e308,
  5e-324,
  -0,
  -1,
  0.5,
  2 ** 31,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '1e999',
  '-0',
  '0x10',
  '  7 ',
);

const awkwardStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '\ufeff',
  '𝕏'.repeat(200),
  'é'.normalize('NFD').repeat(300),
  '<script>alert(1)</script>',
  "'; DROP TABLE messages; --",
  '../../../../package.json',
  '%00',
  '%E0%A4%A',
  '__proto__',
  'constructor',
  'javascript:alert(1)',
  'http://',
  'https://x.invalid/'.padEnd(3000, 'x'),
);

/** A JSON value meant to hurt: wrong types, huge strings, deep nesting, 10^4 keys, unicode, prototype keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 4 },
  { arbitrary: awkwardNumbers, weight: 3 },
  { arbitrary: awkwardStrings, weight: 3 },
  { arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null]), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.integer({ min: 2, max: 5 }).map((power) => 'x'.repeat(10 ** power + 1)), weight: 1 },
  { arbitrary: fc.integer({ min: 50, max: 1_000 }).map(nested), weight: 1 },
  { arbitrary: fc.constantFrom(101, 1_000, 10_000).map(wideObject), weight: 1 },
  { arbitrary: prototypePolluter, weight: 2 },
);

/** Fields of every frame type of a discriminated union of zod objects, read from the schema itself. */
export function frameFields(schema: {
  options: readonly { shape: Record<string, unknown> }[];
}): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const option of schema.options) {
    const type = (option.shape.type as { value: string }).value;
    fields.set(
      type,
      Object.keys(option.shape).filter((field) => field !== 'type'),
    );
  }
  return fields;
}

type Frame = Record<string, unknown>;

/** One change to a valid frame. */
function mutation(fields: string[]): fc.Arbitrary<(frame: Frame) => Frame> {
  const field = fc.constantFrom(...(fields.length ? fields : ['type']));
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.tuple(field, hostileValue).map(
        ([name, value]) =>
          (frame: Frame) =>
            withOwnKey(frame, name, value),
      ),
    },
    { weight: 2, arbitrary: field.map((name) => (frame: Frame) => withOwnKey(frame, name, undefined)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.oneof(fc.constantFrom(...prototypeKeys), fc.string({ maxLength: 12 })), hostileValue)
        .map(
          ([name, value]) =>
            (frame: Frame) =>
              withOwnKey(frame, name, value),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom<(type: string) => unknown>(
          (type) => type.toUpperCase(),
          (type) => `${type} `,
          (type) => `${type}\u200b`,
          (type) => [type],
          (type) => ({ type }),
          () => '__proto__',
          () => 'constructor',
          () => null,
        )
        .map(
          (change) => (frame: Frame) =>
            withOwnKey(frame, 'type', change(typeof frame.type === 'string' ? frame.type : 'ping')),
        ),
    },
    {
      weight: 1,
      arbitrary: fc.constant((frame: Frame) => Object.assign(wideObject(10_000), frame)),
    },
  );
}

/**
 * A valid frame of some type with one to three mutations: each field the schema knows for that type (and some it
 * does not) may be replaced by a hostile value, removed, or joined by prototype keys.
 */
export function mutatedFrame(
  examples: Record<string, Frame>,
  fields: Map<string, string[]>,
): fc.Arbitrary<Frame> {
  return fc.constantFrom(...Object.keys(examples)).chain((type) =>
    fc.array(mutation(fields.get(type) ?? []), { minLength: 1, maxLength: 3 }).map((changes) => {
      let frame: Frame = structuredClone(examples[type]!);
      for (const change of changes) frame = change(frame);
      return frame;
    }),
  );
}

/** A frame whose fields nest deeper than JSON.stringify could write (so it is written as text). */
function deeplyNested(type: string, depth: number): string {
  const value = `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;
  return depth % 2
    ? `{"type":${value}}`
    : `{"type":${JSON.stringify(type)},"context":${value},"props":${value},"page":${value}}`;
}

const json = (value: unknown): SocketInput => ({ kind: 'text', data: JSON.stringify(value) ?? 'undefined' });

/**
 * Anything a hostile client may send in one WebSocket frame: random JSON, random text and bytes, text frames that
 * are not UTF-8, valid frames, and valid frames with mutated fields (the most likely to reach a handler).
 */
export function socketInput(examples: Record<string, Frame>, fields: Map<string, string[]>) {
  return fc.oneof(
    { weight: 8, arbitrary: mutatedFrame(examples, fields).map(json) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(...Object.values(examples)).map((frame) => json(structuredClone(frame))),
    },
    { weight: 2, arbitrary: fc.jsonValue().map(json) },
    { weight: 1, arbitrary: hostileValue.map(json) },
    {
      weight: 1,
      arbitrary: fc
        .string({ unit: 'binary', maxLength: 200 })
        .map((data): SocketInput => ({ kind: 'text', data })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '',
          '{',
          '{"type":',
          '{"type":"ping"',
          'null',
          '[]',
          '"ping"',
          '{"type":"ping"}{}',
          '\u0000',
        )
        .map((data): SocketInput => ({ kind: 'text', data })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...Object.keys(examples)), fc.constantFrom(10_000, 10_001, 100_000, 100_001))
        .map(([type, depth]): SocketInput => ({ kind: 'text', data: deeplyNested(type, depth) })),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 200 }).map((data): SocketInput => ({ kind: 'binary', data })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom([0xc3, 0x28], [0xe0, 0xa4], [0xff, 0xfe], [0x7b, 0x80, 0x7d])
        .map((bytes): SocketInput => ({ kind: 'invalid-utf8', data: Uint8Array.from(bytes) })),
    },
  );
}

/** A frame over the node's socket frame limit (the ws server closes with 1009). */
export function oversizedInput(bytes: number): SocketInput {
  return json({ type: 'message.send', clientMsgId: 'big', text: 'x'.repeat(bytes) });
}

export function inputBytes(input: SocketInput): number {
  return input.kind === 'text' ? Buffer.byteLength(input.data) : input.data.byteLength;
}

export function describeInput(input: SocketInput): string {
  const text =
    input.kind === 'text' ? input.data : `<${input.kind} ${Buffer.from(input.data).toString('hex')}>`;
  return text.length > 300 ? `${text.slice(0, 300)}… (${inputBytes(input)} bytes)` : text;
}

/**
 * fast-check settings for the suite: `FUZZ_SEED` (and `FUZZ_PATH`) replay a failure fast-check printed, `FUZZ_RUNS`
 * scales every property; each property also stops after `timeLimitMs` so a loaded machine stays within budget.
 */
export function fuzzOptions(numRuns: number, timeLimitMs = 8_000): fc.Parameters<unknown> {
  const env = process.env;
  const scale = env.FUZZ_RUNS ? Number(env.FUZZ_RUNS) / 100 : 1;
  return {
    numRuns: Math.max(1, Math.round(numRuns * scale)),
    seed: env.FUZZ_SEED ? Number(env.FUZZ_SEED) : undefined,
    path: env.FUZZ_PATH,
    interruptAfterTimeLimit: env.FUZZ_SEED ? undefined : timeLimitMs,
    markInterruptAsFailure: false,
  };
}
