import type { NumericOp } from '@beckon/protocol';
import { compareNumbers, secondsOpBoundaries } from '../numeric-op.ts';
import type { LeafResult } from '../types.ts';

/**
 * Shared by time-on-page and time-on-site: whole seconds elapsed since `startedAt`, compared with `seconds`.
 * The result says exactly when, with no other fact changing, the comparison flips next.
 */
export function compileElapsedSeconds(
  op: NumericOp,
  seconds: number,
): (startedAt: number, now: number) => LeafResult {
  const boundaries = secondsOpBoundaries(op, seconds);
  return (startedAt, now) => {
    const actual = Math.floor((now - startedAt) / 1000);
    let nextChangeAt: number | undefined;
    for (const boundary of boundaries) {
      const at = startedAt + boundary;
      if (at > now) {
        nextChangeAt = at;
        break;
      }
    }
    return { ok: compareNumbers(op, actual, seconds), actual, nextChangeAt };
  };
}
