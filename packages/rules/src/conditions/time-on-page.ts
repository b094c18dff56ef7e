import type { LeafCondition } from '@beckon/protocol';
import type { LeafCheck, LeafResult, VisitorFacts } from '../types.ts';
import type { Compilers } from './compiler.ts';
import { compileElapsedSeconds } from './elapsed-seconds.ts';

type TimeOnPageCondition = Extract<LeafCondition, { type: 'timeOnPage' }>;

/** Seconds since the current page view started (a single-page-app route change starts a new one). */
export function compileTimeOnPage(condition: TimeOnPageCondition): LeafCheck {
  const check = compileElapsedSeconds(condition.op, condition.seconds);
  return (facts, now) => check(facts.page.startedAt, now);
}

export function checkTimeOnPage(
  condition: TimeOnPageCondition,
  facts: VisitorFacts,
  now: number,
): LeafResult {
  return compileTimeOnPage(condition)(facts, now);
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'timeOnPage'> = { timeOnPage: compileTimeOnPage };
