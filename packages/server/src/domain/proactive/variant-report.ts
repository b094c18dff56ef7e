import type { FunnelSteps, Rule, RuleFunnel, RuleObjective } from '@beckon/protocol';
import { type ArmStats, posterior, rateDifference, Thompson } from '@beckon/rules';
import type { FunnelDayCount, InvitationRow } from '../../ports/store.ts';
import { utcDay } from './evaluation-counter.ts';
import { type ObjectiveFacts, objectiveOf, visitorsReaching } from './objectives.ts';

/** A/B sides that are not message variants. */
const notVariants = new Set(['default', 'holdout', 'preview']);
/** Monte Carlo draws for the chance to be best: enough for a stable percentage, a few ms per rule. */
const bestDraws = 10_000;

type Side = FunnelSteps & { variant: string };

/**
 * Each variant's shown invitations and those that reached the objective. Accepted and answered chats are in the
 * funnel's steps (rolled-up days included); an event is judged per stored invitation, so for it the rolled-up days,
 * whose invitations are gone, are left out.
 */
function objectiveArms(
  objective: RuleObjective,
  sides: readonly Side[],
  invitations: readonly InvitationRow[],
  facts: ObjectiveFacts,
): (ArmStats & { accepted: number })[] {
  return sides
    .filter((side) => !notVariants.has(side.variant))
    .map((side) => {
      if (objective.kind !== 'event') {
        const successes = objective.kind === 'chat' ? side.agentAccepted : side.accepted;
        return { variantId: side.variant, shown: side.shown, successes, accepted: side.accepted };
      }
      const shown = invitations.filter((row) => row.variant === side.variant && row.status !== 'held');
      return {
        variantId: side.variant,
        shown: shown.length,
        successes: shown.filter((row) => facts.reached(objective, row)).length,
        accepted: shown.filter((row) => row.status === 'accepted').length,
      };
    });
}

/** Invited against holdout visitors: the objective's rate of each (per visitor) and the difference's interval. */
function objectiveUplift(
  objective: RuleObjective,
  invitations: readonly InvitationRow[],
  facts: ObjectiveFacts,
) {
  const held = invitations.filter((row) => row.status === 'held');
  if (held.length === 0) return undefined;
  const heldRate = visitorsReaching(held, objective, facts);
  const invitedRate = visitorsReaching(
    invitations.filter((row) => row.status !== 'held'),
    objective,
    facts,
  );
  const difference = rateDifference(
    { x: invitedRate.reached, n: invitedRate.visitors },
    { x: heldRate.reached, n: heldRate.visitors },
  );
  return (
    difference && {
      ...difference,
      heldVisitors: heldRate.visitors,
      heldReached: heldRate.reached,
      invitedVisitors: invitedRate.visitors,
      invitedReached: invitedRate.reached,
    }
  );
}

/**
 * What the optimiser knows of a rule's message variants, for the funnel: each variant's posterior rate of the
 * rule's objective with its credible interval, its chance to be best, the invitations shown per day (traffic share
 * over time), and the holdout uplift of the objective with its interval. Seeded, so the same data reads the same.
 */
export function variantReport(
  rule: Rule | undefined,
  sides: readonly Side[],
  invitations: readonly InvitationRow[],
  days: readonly FunnelDayCount[],
  facts: ObjectiveFacts,
): RuleFunnel['optimisation'] {
  const objective = objectiveOf(rule);
  const arms = objectiveArms(objective, sides, invitations, facts);
  if (arms.length < 2) return undefined;
  const best = new Thompson(1).probabilityBest(arms, bestDraws);
  const byDay = new Map<string, Record<string, number>>();
  const add = (day: string, variant: string, shown: number) => {
    if (notVariants.has(variant) || shown === 0) return;
    const counts = byDay.get(day) ?? {};
    counts[variant] = (counts[variant] ?? 0) + shown;
    byDay.set(day, counts);
  };
  for (const invitation of invitations)
    if (invitation.status !== 'held') add(utcDay(invitation.createdAt), invitation.variant ?? 'default', 1);
  for (const d of days) add(d.day, d.variant, d.shown);
  const uplift = objectiveUplift(objective, invitations, facts);
  return {
    optimising: rule?.split?.optimise === true,
    objective,
    variants: arms.map((arm) => {
      const { mean, low, high } = posterior(arm);
      return {
        variant: arm.variantId,
        shown: arm.shown,
        accepted: arm.accepted,
        reached: arm.successes,
        mean,
        low,
        high,
        probabilityBest: best.get(arm.variantId) ?? 0,
      };
    }),
    shownByDay: [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, shown]) => ({ day, shown })),
    ...(uplift && { uplift }),
  };
}
