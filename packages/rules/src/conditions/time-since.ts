import type { LeafCondition } from '@beckon/protocol';
import type { LeafCheck } from '../types.ts';
import type { Compilers } from './compiler.ts';
import { compileElapsedSeconds } from './elapsed-seconds.ts';

type TimeSinceCondition = Extract<LeafCondition, { type: 'timeSinceLastVisit' | 'timeSinceLastChat' }>;

/**
 * Whole seconds since the previous visit ended / the last chat, compared with `seconds`. Time-based: the
 * result carries the instant it flips next, so the visitor's one rule-check deadline covers it. With no
 * previous visit or chat, nothing matches (wrap it in `not` for "never").
 */
export function compileTimeSince(condition: TimeSinceCondition): LeafCheck {
  const check = compileElapsedSeconds(condition.op, condition.seconds);
  const lastVisit = condition.type === 'timeSinceLastVisit';
  return (facts, now) => {
    const at = lastVisit ? facts.lastVisitAt : facts.lastChatAt;
    if (at === undefined) return { ok: false, actual: undefined };
    return check(at, now);
  };
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'timeSinceLastVisit' | 'timeSinceLastChat'> = {
  timeSinceLastVisit: compileTimeSince,
  timeSinceLastChat: compileTimeSince,
};
