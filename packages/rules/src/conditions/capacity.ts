import type { LeafCondition } from '@beckon/protocol';
import { compareNumbers } from '../numeric-op.ts';
import type { LeafCheck } from '../types.ts';
import type { Compilers } from './compiler.ts';

type PredictedWaitCondition = Extract<LeafCondition, { type: 'predictedWait' }>;

/** An agent who could take a chat now is available with free capacity. Unknown capacity counts as none. */
export function compileAgentAvailable(): LeafCheck {
  return (facts) => {
    const actual = facts.capacity?.agentAvailable ?? false;
    return { ok: actual, actual };
  };
}

/** The routing estimate of the wait for a chat started now; no estimate matches nothing. */
export function compilePredictedWait(condition: PredictedWaitCondition): LeafCheck {
  return (facts) => {
    const actual = facts.capacity?.predictedWaitSeconds;
    return { ok: actual !== undefined && compareNumbers(condition.op, actual, condition.seconds), actual };
  };
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'agentAvailable' | 'predictedWait'> = {
  agentAvailable: compileAgentAvailable,
  predictedWait: compilePredictedWait,
};
