import type { LeafCondition } from '@beckon/protocol';
import { compareNumbers } from '../numeric-op.ts';
import type { LeafCheck } from '../types.ts';
import type { Compilers } from './compiler.ts';
import { compileElapsedSeconds } from './elapsed-seconds.ts';

type ScrollDepthCondition = Extract<LeafCondition, { type: 'scrollDepth' }>;
type IdleTimeCondition = Extract<LeafCondition, { type: 'idleTime' }>;

/** The widget saw the pointer leave towards the browser's chrome on this page view. */
export function compileExitIntent(): LeafCheck {
  return (facts) => {
    const actual = facts.signals?.exitIntent ?? false;
    return { ok: actual, actual };
  };
}

/** Deepest scroll on this page view, in percent (0 until the widget reports one). */
export function compileScrollDepth(condition: ScrollDepthCondition): LeafCheck {
  return (facts) => {
    const actual = facts.signals?.scrollDepth ?? 0;
    return { ok: compareNumbers(condition.op, actual, condition.percent), actual };
  };
}

/**
 * Whole seconds since the last activity the widget reported on this page (the page view's start when none).
 * Time-based: it feeds the visitor's single rule-check deadline like time on page does.
 */
export function compileIdleTime(condition: IdleTimeCondition): LeafCheck {
  const check = compileElapsedSeconds(condition.op, condition.seconds);
  return (facts, now) => check(facts.signals?.lastActiveAt ?? facts.page.startedAt, now);
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'exitIntent' | 'scrollDepth' | 'idleTime'> = {
  exitIntent: compileExitIntent,
  scrollDepth: compileScrollDepth,
  idleTime: compileIdleTime,
};
