import type { LeafCondition } from '@beckon/protocol';
import { compareNumbers } from '../numeric-op.ts';
import type { LeafCheck, TrackedEvent } from '../types.ts';
import type { Compilers } from './compiler.ts';

type EventCondition = Extract<LeafCondition, { type: 'event' }>;

/**
 * How many times `Beckon.track(name, props)` was called this visit, compared with `count`. With `props`,
 * only events whose props include every listed one with an equal value count. `actual` is the count.
 */
export function compileEvent(condition: EventCondition): LeafCheck {
  const wantedProps = Object.entries(condition.props ?? {});
  const counts = (event: TrackedEvent) =>
    event.name === condition.name &&
    wantedProps.every(([key, value]) => event.props !== undefined && event.props[key] === value);
  return (facts) => {
    let actual = 0;
    for (const event of facts.events ?? []) if (counts(event)) actual++;
    return { ok: compareNumbers(condition.op, actual, condition.count), actual };
  };
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'event'> = { event: compileEvent };
