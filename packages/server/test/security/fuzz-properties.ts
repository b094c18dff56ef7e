import { closeCodes, errorCodes, limits } from '@beckon/protocol';
import type { z } from 'zod';
import type { Exchange } from './fuzz-frame-probe.ts';
import { describeInput, errorBytesLimit, inputBytes, type SocketInput } from './fuzz-values.ts';

/**
 * Weaknesses another change is fixing, tolerated by the fuzz properties in exactly their known shape and nothing
 * wider. Each has its own `it.fails` case naming it; once the fix is merged, set the flag to false and turn that
 * case into a plain `it`.
 * - oversizedErrorFrames: a VALIDATION_FAILED frame lists every issue, so a frame with 10^4 bad keys is
 *   answered with one error frame of hundreds of KB; UNKNOWN_FRAME_TYPE echoes the type twice, whatever its size.
 * - contextProblemFloods: every dropped context variable gets its own error frame, so a context of 10^4 keys is
 *   answered with ~10^4 frames.
 */
export const awaitingFix: Record<'oversizedErrorFrames' | 'contextProblemFloods', boolean> = {
  oversizedErrorFrames: false,
  contextProblemFloods: false,
};

const contextProblemCodes = new Set([
  'CONTEXT_TOO_MANY_VARIABLES',
  'CONTEXT_NAME_TOO_LONG',
  'CONTEXT_VALUE_TOO_LONG',
  'CONTEXT_VALUE_INVALID',
]);

const echoingCodes = new Set(['VALIDATION_FAILED', 'UNKNOWN_FRAME_TYPE']);

function codeOf(frame: unknown): unknown {
  const error = frame as { type?: unknown; code?: unknown } | undefined;
  return error?.type === 'error' ? error.code : undefined;
}

/** Frames one input may cause: a hello's welcome, queue position, invitation and a few context problems. */
export const answersPerInputLimit = 8;

/**
 * The socket properties for one input: the socket stays open (or closes with the documented code for an
 * oversized frame), and every answer is a JSON text frame of the endpoint's server-frame schema, few of them,
 * with `error` frames carrying a documented code in a bounded size.
 */
export function socketProblems(
  input: SocketInput,
  exchange: Exchange,
  serverFrames: z.ZodType,
  tolerated: typeof awaitingFix = awaitingFix,
): string[] {
  const problems: string[] = [];
  if (exchange.closed) {
    const { code } = exchange.closed;
    const oversized = inputBytes(input) > limits.frameMaxBytes && code === closeCodes.messageTooBig;
    const notUtf8 = input.kind === 'invalid-utf8' && code === closeCodes.invalidPayload;
    if (!oversized && !notUtf8)
      problems.push(`socket closed with ${exchange.closed.code} "${exchange.closed.reason}"`);
  }
  const flood =
    tolerated.contextProblemFloods &&
    exchange.answers.filter((a) => !contextProblemCodes.has(codeOf(a.frame) as string)).length <=
      answersPerInputLimit;
  if (exchange.answers.length > answersPerInputLimit && !flood)
    problems.push(`${exchange.answers.length} frames answered one input`);
  for (const answer of exchange.answers) {
    const shown =
      answer.text.length > 200 ? `${answer.text.slice(0, 200)}… (${answer.bytes} bytes)` : answer.text;
    if (answer.binary || answer.frame === undefined) {
      problems.push(`not a JSON text frame: ${shown}`);
      continue;
    }
    const parsed = serverFrames.safeParse(answer.frame);
    if (!parsed.success) problems.push(`frame breaks the server-frame schema: ${shown}`);
    const frame = answer.frame as { type?: unknown; code?: unknown };
    if (frame.type !== 'error') continue;
    if (typeof frame.code !== 'string' || !Object.hasOwn(errorCodes, frame.code))
      problems.push(`undocumented error code: ${shown}`);
    const knownOversized = tolerated.oversizedErrorFrames && echoingCodes.has(frame.code as string);
    if (answer.bytes > errorBytesLimit && !knownOversized)
      problems.push(`error frame of ${answer.bytes} bytes: ${shown}`);
  }
  return problems;
}

export function fail(problems: string[], input: SocketInput): void {
  if (problems.length)
    throw new Error(`input ${describeInput(input)}\n  → ${problems.slice(0, 5).join('\n  → ')}`);
}

/** Strict properties, for the cases that name the weaknesses `awaitingFix` tolerates. */
export const nothingTolerated = { oversizedErrorFrames: false, contextProblemFloods: false };
