import type { NumericOp } from '@beckon/protocol';

export function compareNumbers(op: NumericOp, actual: number, expected: number): boolean {
  switch (op) {
    case 'gte':
      return actual >= expected;
    case 'gt':
      return actual > expected;
    case 'lte':
      return actual <= expected;
    case 'lt':
      return actual < expected;
    case 'eq':
      return actual === expected;
  }
}

/**
 * The elapsed-milliseconds values at which `floor(elapsed / 1000) <op> seconds` flips. Because whole seconds
 * only grow, these are the only instants at which an elapsed-time leaf can change its truth value.
 */
export function secondsOpBoundaries(op: NumericOp, seconds: number): readonly number[] {
  switch (op) {
    case 'gte':
    case 'lt':
      return [seconds * 1000];
    case 'gt':
    case 'lte':
      return [(seconds + 1) * 1000];
    case 'eq':
      return [seconds * 1000, (seconds + 1) * 1000];
  }
}
