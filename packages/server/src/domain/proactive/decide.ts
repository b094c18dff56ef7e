import type { Rule } from '@beckon/protocol';
import {
  assignSplit,
  type Evaluation,
  evaluate,
  type IncrementalEvaluator,
  resolveMessage,
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
}

export function momentOf(facts: VisitorFacts, now: number): Moment {
  return { now, pageStartedAt: facts.page.startedAt, visitStartedAt: facts.visit.startedAt };
}

/** How far back the invitation history must reach to decide for these rules. */
export function historySince(
  widget: WidgetRow,
  rules: readonly Rule[],
  facts: VisitorFacts,
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
  for (const rule of input.rules) {
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
  if (!evaluation.fire) {
    for (const veto of capped.values()) {
      if (veto.until !== undefined) nextCheckAt = Math.min(nextCheckAt ?? veto.until, veto.until);
    }
  }
  let assignment: SplitAssignment | undefined;
  const fire = evaluation.fire;
  if (fire && input.visitorId !== undefined) {
    const winner = allowed.find((rule) => rule.id === fire.ruleId) as Rule;
    assignment = assignSplit(winner, input.visitorId);
    if (assignment.kind === 'variant' && winner.split?.optimise) {
      assignment = optimisedSide(winner, input.history, input.optimise) ?? assignment;
    }
    if (assignment.kind === 'variant' && assignment.variantId !== 'default') {
      fire.message = resolveMessage(assignment.message, input.facts);
    }
  }
  return { evaluation, global, capped, nextCheckAt, assignment };
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
