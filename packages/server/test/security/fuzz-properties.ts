import { closeCodes, errorCodes, limits } from '@beckon/protocol';
import type { z } from 'zod';
import type { Exchange } from './fuzz-frame-probe.ts';
import { describeInput, errorBytesLimit, inputBytes, type SocketInput } from './fuzz-values.ts';

/** Frames one input may cause: a hello's welcome, queue position, invitation and a few context problems. */
export const answersPerInputLimit = 8;

/**
 * The socket properties for one input: the socket stays open (or closes with the documented code for an
 * oversized frame), and every answer is a JSON text frame of the endpoint's server-frame schema, few of them,
 * with `error` frames carrying a documented code in a bounded size.
 */
export function socketProblems(input: SocketInput, exchange: Exchange, serverFrames: z.ZodType): string[] {
  const problems: string[] = [];
  if (exchange.closed) {
    const { code } = exchange.closed;
    const oversized = inputBytes(input) > limits.frameMaxBytes && code === closeCodes.messageTooBig;
    const notUtf8 = input.kind === 'invalid-utf8' && code === closeCodes.invalidPayload;
    if (!oversized && !notUtf8)
      problems.push(`socket closed with ${exchange.closed.code} "${exchange.closed.reason}"`);
  }
  if (exchange.answers.length > answersPerInputLimit)
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
    if (answer.bytes > errorBytesLimit) problems.push(`error frame of ${answer.bytes} bytes: ${shown}`);
  }
  return problems;
}

export function fail(problems: string[], input: SocketInput): void {
  if (problems.length)
    throw new Error(`input ${describeInput(input)}\n  → ${problems.slice(0, 5).join('\n  → ')}`);
}

/** An input that passes the ping schema gets one answer: its pong, or an `error` frame when refused before. */
export function pingProblems(readsAsPing: boolean, exchange: Exchange): string[] {
  if (!readsAsPing || exchange.closed) return [];
  const types = exchange.answers.map((a) => (a.frame as { type?: unknown } | undefined)?.type);
  return types.length === 1 && (types[0] === 'pong' || types[0] === 'error')
    ? []
    : [`a ping answered with ${JSON.stringify(types)}`];
}
