import type { LeafCondition } from '@beckon/protocol';
import { compareNumbers } from '../numeric-op.ts';
import type { LeafCheck } from '../types.ts';
import type { Compilers } from './compiler.ts';

type PredictedAcceptanceCondition = Extract<LeafCondition, { type: 'predictedAcceptance' }>;

/**
 * The acceptance model's chance that this visitor accepts an invitation now, in percent. No prediction (the model
 * is not ready, or smart invitations are off) counts as met, so the rule behaves as written without it.
 */
export function compilePredictedAcceptance(condition: PredictedAcceptanceCondition): LeafCheck {
  return (facts) => {
    const probability = facts.prediction?.probability;
    if (probability === undefined) return { ok: true, actual: undefined };
    const actual = Math.round(probability * 1000) / 10;
    return { ok: compareNumbers(condition.op, actual, condition.percent), actual };
  };
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'predictedAcceptance'> = {
  predictedAcceptance: compilePredictedAcceptance,
};
