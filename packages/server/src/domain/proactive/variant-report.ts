import type { FunnelSteps, Rule, RuleFunnel } from '@beckon/protocol';
import { posterior, rateDifference, Thompson } from '@beckon/rules';
import type { FunnelDayCount, InvitationRow } from '../../ports/store.ts';
import { utcDay } from './evaluation-counter.ts';

/** A/B sides that are not message variants. */
const notVariants = new Set(['default', 'holdout', 'preview']);
/** Monte Carlo draws for the chance to be best: enough for a stable percentage, a few ms per rule. */
const bestDraws = 10_000;

/**
 * What the optimiser knows of a rule's message variants, for the funnel: each variant's posterior acceptance rate
 * with its credible interval, its chance to be best, the invitations shown per day (traffic share over time), and
 * the holdout uplift with its interval. Seeded, so the same data always reads the same.
 */
export function variantReport(
  rule: Rule | undefined,
  sides: readonly (FunnelSteps & { variant: string })[],
  invitations: readonly InvitationRow[],
  days: readonly FunnelDayCount[],
  holdout: RuleFunnel['holdout'],
): RuleFunnel['optimisation'] {
  const arms = sides
    .filter((side) => !notVariants.has(side.variant))
    .map((side) => ({ variantId: side.variant, shown: side.shown, successes: side.accepted }));
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
  const uplift =
    holdout &&
    rateDifference(
      { x: holdout.invitedChatted, n: holdout.invitedVisitors },
      { x: holdout.heldChatted, n: holdout.heldVisitors },
    );
  return {
    optimising: rule?.split?.optimise === true,
    variants: arms.map((arm) => {
      const { mean, low, high } = posterior(arm);
      return {
        variant: arm.variantId,
        shown: arm.shown,
        accepted: arm.successes,
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
