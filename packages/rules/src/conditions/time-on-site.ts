import type { LeafCondition } from '@beckon/protocol';
import type { LeafCheck, LeafResult, VisitorFacts } from '../types.ts';
import type { Compilers } from './compiler.ts';
import { compileElapsedSeconds } from './elapsed-seconds.ts';

type TimeOnSiteCondition = Extract<LeafCondition, { type: 'timeOnSite' }>;

/** Seconds since this visit started, across all its page views. */
export function compileTimeOnSite(condition: TimeOnSiteCondition): LeafCheck {
  const check = compileElapsedSeconds(condition.op, condition.seconds);
  return (facts, now) => check(facts.visit.startedAt, now);
}

export function checkTimeOnSite(
  condition: TimeOnSiteCondition,
  facts: VisitorFacts,
  now: number,
): LeafResult {
  return compileTimeOnSite(condition)(facts, now);
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'timeOnSite'> = { timeOnSite: compileTimeOnSite };
