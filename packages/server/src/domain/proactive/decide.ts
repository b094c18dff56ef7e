import type { Rule } from '@beckon/protocol';
import {
  assignSplit,
  type Evaluation,
  evaluate,
  type IncrementalEvaluator,
  plainRule,
  planMoment,
  resolveMessage,
  ruleIsSmart,
  type SplitAssignment,
  type VisitorFacts,
} from '@beckon/rules';
import type { InvitationRow, WidgetRow } from '../../ports/store.ts';
import { capsHistorySince, capVeto, type Moment, type Veto } from './caps.ts';
import { answerableVeto, fatigueHistorySince, globalVeto } from './gates.ts';

export interface DecisionInput {
  widget: WidgetRow;
  rules: readonly Rule[];
  facts: VisitorFacts;
  now: number;
  /** A chat open or an invitation showing. */
  busy: boolean;
  /** The visitor's invitations since `historySince(...)`, oldest first. */
  history: readonly InvitationRow[];
  /** A live visitor: the winning rule's A/B split is drawn for them. Absent for a typed journey. */
  visitorId?: string;
  /** Queues with an available agent with free capacity (the "invite only when someone can answer" gate);
   * absent: not checked. */
  answerable?: ReadonlySet<string>;
  /** The visitor's incremental engine (same answers as `evaluate`); absent: a full evaluation. */
  engine?: IncrementalEvaluator;
  /** Picks the variant of an optimised split for a visitor none of its variants was shown to (variant-optimiser.ts). */
  optimise?: (rule: Rule) => string | undefined;
  /** The widget's kill switch: every rule exactly as written, without prediction conditions or best moment. */
  smartOff?: boolean;
  /**
   * For best moment: the predicted chance for this visitor at an instant (facts unchanged), and when each rule
   * first matched on this page view. Absent (model not ready, switched off): rules invite at the first match.
   */
  moment?: {
    predictAt: (at: number) => number;
    matchedSince: ReadonlyMap<string, number>;
    /** When the prediction can next change with time alone: a rule held back by it is looked at again then. */
    nextChangeAt?: number;
  };
}

/** A best-moment rule that matches but waits for a likelier moment (best-moment.ts in @beckon/rules). */
export interface Waiting {
  ruleId: string;
  /** When it first matched on this page view. */
  since: number;
  /** When to look again. */
  until: number;
  probability: number;
  bestAhead: number;
}

export interface Decision {
  /** The engine's answer over the rules no gate vetoed. */
  evaluation: Evaluation;
  /** Set when a widget-wide gate vetoed every rule. */
  global?: Veto;
  /** Rules vetoed by their own cap or by nobody available in their queue, by id. */
  capped: Map<string, Veto>;
  /** When to evaluate again, facts unchanged: the engine's instant or a gate lifting, whichever is first. */
  nextCheckAt?: number;
  /**
   * The winner's A/B split for this visitor (with `visitorId`). On `holdout` the visitor must not be invited;
   * on a variant, `evaluation.fire.message` is already that variant's text.
   */
  assignment?: SplitAssignment;
  /** Set when the winner waits for its best moment: nothing is shown now, `nextCheckAt` is `waiting.until`. */
  waiting?: Waiting;
  /**
   * The winner used the acceptance model to fire: it has a prediction condition or best moment, no kill switch
   * stripped them, and the model was ready (`moment` given). Its invitation counts as smart in the funnel.
   */
  smart?: boolean;
}

/** The start times a moment needs: the visitor's facts, or their session. */
export interface StartTimes {
  page: { startedAt: number };
  visit: { startedAt: number };
}

export function momentOf(facts: StartTimes, now: number): Moment {
  return { now, pageStartedAt: facts.page.startedAt, visitStartedAt: facts.visit.startedAt };
}

/** How far back the invitation history must reach to decide for these rules. */
export function historySince(
  widget: WidgetRow,
  rules: readonly Rule[],
  facts: StartTimes,
  now: number,
): number {
  const at = momentOf(facts, now);
  return Math.min(capsHistorySince(rules, at), fatigueHistorySince(widget.fatigue, at));
}

/**
 * The whole decision for one visitor at one instant, pure: gates first, then the engine on what they let
 * through (a vetoed winner must not mask lower-priority rules). Live evaluation and the explain API both use
 * it, so an explanation never disagrees with what the server does.
 */
export function decide(input: DecisionInput): Decision {
  const at = momentOf(input.facts, input.now);
  const capped = new Map<string, Veto>();
  const global = globalVeto(input.widget, input.busy, input.history, at);
  if (global) {
    return { evaluation: evaluate([], input.facts, input.now), global, capped, nextCheckAt: global.until };
  }
  const allowed: Rule[] = [];
  for (const written of input.rules) {
    // A kill switch returns the rule to exactly what it is without prediction: no condition, no waiting.
    const rule = input.smartOff || written.smart?.off ? plainRule(written) : written;
    const veto = rule.enabled
      ? (answerableVeto(input.widget, rule, input.answerable) ?? capVeto(rule, input.history, at))
      : undefined;
    if (veto) capped.set(rule.id, veto);
    else allowed.push(rule);
  }
  const evaluation = input.engine
    ? input.engine.evaluate(allowed, input.facts, input.now)
    : evaluate(allowed, input.facts, input.now);
  let nextCheckAt = evaluation.fire ? undefined : evaluation.nextCheckAt;
  const predictionMoves = input.moment?.nextChangeAt;
  if (!evaluation.fire && predictionMoves !== undefined && allowed.some(ruleIsSmart)) {
    nextCheckAt = Math.min(nextCheckAt ?? predictionMoves, predictionMoves);
  }
  if (!evaluation.fire) {
    for (const veto of capped.values()) {
      if (veto.until !== undefined) nextCheckAt = Math.min(nextCheckAt ?? veto.until, veto.until);
    }
  }
  let assignment: SplitAssignment | undefined;
  const fire = evaluation.fire;
  const winner = fire && (allowed.find((rule) => rule.id === fire.ruleId) as Rule);
  const waiting = winner && input.moment && waitFor(winner, input.moment, input.now);
  if (waiting) return { evaluation, global, capped, nextCheckAt: waiting.until, waiting };
  if (winner && input.visitorId !== undefined) {
    assignment = assignSplit(winner, input.visitorId);
    if (assignment.kind === 'variant' && winner.split?.optimise) {
      assignment = optimisedSide(winner, input.history, input.optimise) ?? assignment;
    }
    if (assignment.kind === 'variant' && assignment.variantId !== 'default' && fire) {
      fire.message = resolveMessage(assignment.message, input.facts);
    }
  }
  const smart = winner !== undefined && input.moment !== undefined && ruleIsSmart(winner);
  return { evaluation, global, capped, nextCheckAt, assignment, ...(smart && { smart }) };
}

/**
 * An optimised split's side for a visitor outside the holdout (which stays the hash's, so optimising never moves
 * anyone in or out of it): the variant they were already shown by this rule, or the optimiser's pick.
 */
function optimisedSide(
  rule: Rule,
  history: readonly InvitationRow[],
  optimise: DecisionInput['optimise'],
): SplitAssignment | undefined {
  const variants = rule.split?.variants ?? [];
  const shown = history.find((invitation) => invitation.ruleId === rule.id && invitation.variant)?.variant;
  const id = variants.some((variant) => variant.id === shown) ? shown : optimise?.(rule);
  const variant = variants.find((candidate) => candidate.id === id);
  return variant && { kind: 'variant', variantId: variant.id, message: variant.message };
}

/** The best-moment plan of a winning rule that asks for it, when it says to wait. */
function waitFor(rule: Rule, moment: NonNullable<DecisionInput['moment']>, now: number): Waiting | undefined {
  const option = rule.smart?.bestMoment;
  if (!option) return undefined;
  const since = moment.matchedSince.get(rule.id) ?? now;
  const plan = planMoment(moment.predictAt, now, {
    since,
    maxDelayMs: option.maxDelaySeconds * 1000,
    ...(option.inviteAtPercent === undefined ? {} : { threshold: option.inviteAtPercent / 100 }),
  });
  if (plan.inviteNow || plan.waitUntil === undefined) return undefined;
  return {
    ruleId: rule.id,
    since,
    until: plan.waitUntil,
    probability: plan.probability,
    bestAhead: plan.bestAhead ?? plan.probability,
  };
}
