import type { LeafCondition } from '@beckon/protocol';
import { compareNumbers } from '../numeric-op.ts';
import type { LeafCheck } from '../types.ts';
import type { Compilers } from './compiler.ts';

type PagesViewedCondition = Extract<LeafCondition, { type: 'pagesViewed' }>;

/** Page views of this visit, the current one included (single-page-app route changes count). */
export function compilePagesViewed(condition: PagesViewedCondition): LeafCheck {
  return (facts) => {
    const actual = facts.visit.pagesViewed;
    return { ok: compareNumbers(condition.op, actual, condition.value), actual };
  };
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'pagesViewed'> = { pagesViewed: compilePagesViewed };
