import { randomInt } from 'node:crypto';
import type { Rule } from '@beckon/protocol';
import { type ArmStats, Thompson } from '@beckon/rules';
import type { Clock } from '../../ports/clock.ts';
import type { AnalyticsStore, InvitationRow } from '../../ports/store.ts';
import { DAY_MS } from './caps.ts';
import { ObjectiveFacts, objectiveEvents, objectiveOf, objectiveWindowMs } from './objectives.ts';

/** How long one widget's counts are reused before they are read again: a pick need not see the last second. */
const refreshMs = 60_000;
/** The invitations counted: the last 30 days, so an optimised rule follows what works now. */
const windowMs = 30 * DAY_MS;

/**
 * Shown invitations and those that reached the rule's objective, per optimised rule and variant, counted from the
 * widget's stored invitations and what followed them. An invitation whose event window is still open at `now` is
 * not counted yet: it could still convert, and counting it as a failure would hold back the variant shown most
 * lately — the one the optimiser favours.
 */
export function armCounts(
  rules: readonly Rule[],
  invitations: readonly InvitationRow[],
  facts: ObjectiveFacts,
  now: number,
): Map<string, Map<string, ArmStats>> {
  const objectives = new Map(rules.map((rule) => [rule.id, objectiveOf(rule)]));
  const byRule = new Map<string, Map<string, ArmStats>>();
  for (const invitation of invitations) {
    const { variant, ruleId } = invitation;
    const objective = ruleId && objectives.get(ruleId);
    if (
      !objective ||
      !variant ||
      variant === 'holdout' ||
      variant === 'preview' ||
      invitation.status === 'held' ||
      (objective.kind === 'event' && invitation.createdAt + objectiveWindowMs(objective) > now)
    ) {
      continue;
    }
    const arms = byRule.get(ruleId) ?? new Map<string, ArmStats>();
    byRule.set(ruleId, arms);
    const arm = arms.get(variant) ?? { variantId: variant, shown: 0, successes: 0 };
    arm.shown += 1;
    if (facts.reached(objective, invitation)) arm.successes += 1;
    arms.set(variant, arm);
  }
  return byRule;
}

/**
 * Picks the variant of an optimised split for a visitor seen by none of its variants yet. The counts are read per
 * widget at most once a minute (one query, off the decision itself); between reads a pick costs microseconds.
 */
export class VariantOptimiser {
  private readonly thompson = new Thompson(randomInt(1, 2 ** 31));
  private readonly counts = new Map<string, { readAt: number; byRule: Map<string, Map<string, ArmStats>> }>();

  constructor(
    private readonly store: Pick<
      AnalyticsStore,
      'listWidgetInvitations' | 'listWidgetConversations' | 'listWidgetEvents'
    >,
    private readonly clock: Clock,
  ) {}

  /**
   * Reads the widget's counts when one of its rules optimises and the last read is over a minute old: its
   * invitations, and only when an objective needs them, its conversations or the tracked events it counts.
   */
  async prepare(widgetId: string, rules: readonly Rule[]): Promise<void> {
    const optimised = rules.filter((rule) => rule.split?.optimise);
    if (optimised.length === 0) return;
    const now = this.clock.now();
    const known = this.counts.get(widgetId);
    if (known && now - known.readAt < refreshMs) return;
    const from = now - windowMs;
    const names = objectiveEvents(optimised);
    const [invitations, conversations, events] = await Promise.all([
      this.store.listWidgetInvitations(widgetId, from, now),
      optimised.some((rule) => objectiveOf(rule).kind === 'chat')
        ? this.store.listWidgetConversations(widgetId, from, now)
        : [],
      names.length > 0 ? this.store.listWidgetEvents(widgetId, names, from, now) : [],
    ]);
    const facts = new ObjectiveFacts(conversations, events);
    this.counts.set(widgetId, { readAt: now, byRule: armCounts(optimised, invitations, facts, now) });
  }

  /** The variant for this rule's next new visitor, by Thompson sampling over its variants' counts. */
  pick(widgetId: string, rule: Rule): string | undefined {
    const variants = rule.split?.variants ?? [];
    if (variants.length === 0) return undefined;
    const counted = this.counts.get(widgetId)?.byRule.get(rule.id);
    const arms = variants.map(
      (variant) => counted?.get(variant.id) ?? { variantId: variant.id, shown: 0, successes: 0 },
    );
    return this.thompson.pick(arms);
  }
}
