import type { LeafCondition } from '@beckon/protocol';
import { compareNumbers } from '../numeric-op.ts';
import type { LeafCheck, LeafResult, VisitorFacts } from '../types.ts';
import type { Compilers } from './compiler.ts';

type VisitCountCondition = Extract<LeafCondition, { type: 'visitCount' }>;

/** Compares the number of the current visit (1 = first visit), so `eq 1` means a new visitor. */
export function compileVisitCount(condition: VisitCountCondition): LeafCheck {
  const { op, value } = condition;
  return (facts) => {
    const actual = facts.visit.visitNumber;
    return { ok: compareNumbers(op, actual, value), actual };
  };
}

export function checkVisitCount(
  condition: VisitCountCondition,
  facts: VisitorFacts,
  _now?: number,
): LeafResult {
  return compileVisitCount(condition)(facts, 0);
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'visitCount'> = { visitCount: compileVisitCount };
