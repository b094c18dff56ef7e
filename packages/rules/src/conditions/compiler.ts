import type { LeafCondition } from '@beckon/protocol';
import type { LeafCheck } from '../types.ts';

/** What a condition module exports as `compilers`: for each condition type it handles, its compile function. */
export type Compilers<T extends LeafCondition['type']> = {
  readonly [K in T]: (condition: Extract<LeafCondition, { type: K }>) => LeafCheck;
};
