import type { Rule } from '@beckon/protocol';
import { explainFailure } from '@beckon/protocol/conditions';
import { compiledConditions, type EvalState, newEvalState } from './compile-tree.ts';
import { resolveMessage } from './message.ts';
import type { Evaluation, FailedCondition, RuleTrace, VisitorFacts } from './types.ts';

/**
 * Decides which rule, if any, invites this visitor at `now`, and explains every other rule. Pure: the same
 * rules (in any order), facts and `now` always give the same answer.
 */
export function evaluate(rules: readonly Rule[], facts: VisitorFacts, now: number): Evaluation {
  const state = newEvalState();
  const trace: RuleTrace[] = new Array(rules.length);
  let winner: Rule | undefined;
  let winnerIndex = -1;
  let nextCheckAt = Number.POSITIVE_INFINITY;
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index] as Rule;
    const entry: RuleTrace = {
      ruleId: rule.id,
      ruleName: rule.name,
      priority: rule.priority,
      outcome: 'disabled',
    };
    trace[index] = entry;
    if (!rule.enabled) continue;
    state.failed = undefined;
    if (compiledConditions(rule)(facts, now, state)) {
      entry.outcome = 'outranked';
      if (winner === undefined || outranks(rule, winner)) {
        winner = rule;
        winnerIndex = index;
      }
      continue;
    }
    entry.outcome = 'not-matched';
    if (state.failed !== undefined) entry.failed = failure(state);
    if (state.nextChangeAt !== Number.POSITIVE_INFINITY) {
      entry.becomesTrueAt = state.nextChangeAt;
      if (state.nextChangeAt < nextCheckAt) nextCheckAt = state.nextChangeAt;
    }
  }
  if (winner !== undefined) {
    (trace[winnerIndex] as RuleTrace).outcome = 'fired';
    const fire = {
      ruleId: winner.id,
      ruleName: winner.name,
      message: resolveMessage(winner.message, facts),
      showPrechat: winner.showPrechat,
    };
    return { fire, trace };
  }
  return nextCheckAt === Number.POSITIVE_INFINITY ? { trace } : { nextCheckAt, trace };
}

/** Higher priority wins; equal priorities go to the smaller id, so storage order never matters. */
function outranks(challenger: Rule, holder: Rule): boolean {
  if (challenger.priority !== holder.priority) return challenger.priority > holder.priority;
  return challenger.id < holder.id;
}

/** The failing leaf the state recorded, with its explanation (shared with the incremental evaluator). */
export function failure(state: EvalState): FailedCondition {
  const info = state.failed!;
  const actual = state.failedActual;
  let reason = state.failedReason;
  if (reason === undefined) {
    if (info.reason === undefined || !Object.is(info.reasonFor, actual)) {
      info.reason = explainFailure(info.condition, actual, info.negated);
      info.reasonFor = actual;
    }
    reason = info.reason;
  }
  return { path: info.path, condition: info.condition, actual, reason };
}
