/**
 * Predicted engagement (docs/performance.md, "Smart invitations", part b). On test-kit's simulated population, whose
 * chance of accepting depends on being a returning visitor, on the cart page and on time on site, policies invite
 * the same visits at the same budget, at most once per visit:
 *
 * - static: the rule "time on page ≥ 60 s", at its first match, and the other static rules sites write (staticRules),
 *   each a baseline at its own budget;
 * - smart: "time on page ≥ 5 s and predicted acceptance ≥ θ", the widget's model learning online from every
 *   outcome, cold (rule as written) until it has 200 outcomes; with or without the best-moment option (60 s at
 *   most); and warm, on a widget that ran the static rule before (its outcomes teach the model first);
 * - oracle: the same rule with the simulator's TRUE chance in place of the prediction, a policy nobody has: how far
 *   any model could take this rule on this population;
 * - hindsight: the expected acceptances of the budget's best visits, each at its best moment, knowing when every
 *   visitor leaves: a bound no policy deciding as the visit goes can reach.
 *
 * θ is set by bisection so that a policy makes as many invitations as the static one (±2 %) over the same visits.
 * The real engine (`evaluate`), model (`AcceptanceModel`, `journeyFeatures`) and best-moment policy (`planMoment`)
 * run on simulated time in 5-second steps; no server, so only the decisions are compared.
 */
import type { Rule } from '@beckon/protocol';
import { AcceptanceModel, evaluate, journeyFeatures, planMoment, type VisitorFacts } from '@beckon/rules';
import {
  momentOf,
  type SimulatedVisit,
  simulatedFacts,
  truePropensity,
  VisitorPopulation,
} from '@beckon/test-kit';

const STEP_MS = 5_000;
const T0 = Date.UTC(2026, 0, 5, 0, 0, 0);
/** One visit starts every 90 s of simulated time, so hours and weekdays vary over a run. */
const VISIT_GAP_MS = 90_000;
/** The smart rule's own floor on time on page. */
const SMART_FLOOR_MS = 5_000;

function rule(conditions: Rule['conditions'], smart?: Rule['smart']): Rule {
  return {
    id: 'r1',
    widgetId: 'w1',
    updatedAt: 0,
    name: 'r1',
    enabled: true,
    priority: 100,
    conditions,
    message: { text: 'Can we help?' },
    showPrechat: false,
    ...(smart ? { smart } : {}),
  };
}

/**
 * The static rules sites write, each a baseline at its own budget: the first is the one the aim was set against;
 * the others are the classics (a product page is the simulated shop's pricing page: where a buyer weighs a price).
 */
export const staticRules: { name: string; rule: Rule }[] = [
  { name: 'time on page ≥ 60 s', rule: rule({ type: 'timeOnPage', op: 'gte', seconds: 60 }) },
  { name: 'time on page ≥ 20 s', rule: rule({ type: 'timeOnPage', op: 'gte', seconds: 20 }) },
  {
    name: '30 s on a product page',
    rule: rule({
      type: 'all',
      conditions: [
        { type: 'currentUrl', op: 'contains', value: '/product/' },
        { type: 'timeOnPage', op: 'gte', seconds: 30 },
      ],
    }),
  },
  {
    name: 'cart page (5 s)',
    rule: rule({
      type: 'all',
      conditions: [
        { type: 'currentUrl', op: 'contains', value: '/cart/' },
        { type: 'timeOnPage', op: 'gte', seconds: 5 },
      ],
    }),
  },
  { name: 'time on site ≥ 2 min', rule: rule({ type: 'timeOnSite', op: 'gte', seconds: 120 }) },
];
const staticRule = staticRules[0]!.rule;
const smartRule = (bestMoment: boolean) =>
  rule(
    {
      type: 'all',
      conditions: [
        { type: 'timeOnPage', op: 'gte', seconds: SMART_FLOOR_MS / 1000 },
        // Whole percent in the condition, as an admin types it; the walk compares the bisection's fraction.
        { type: 'predictedAcceptance', op: 'gte', percent: 0 },
      ],
    },
    bestMoment ? { bestMoment: { maxDelaySeconds: 60 } } : undefined,
  );

export type Policy =
  | { kind: 'static'; rule?: Rule }
  | {
      kind: 'smart';
      threshold: number;
      bestMoment: boolean;
      /**
       * A widget that ran this static rule before turning the smart one on: the model first learns from that rule's
       * outcomes over as many earlier visits (another seed of the same population), as the server's model learns
       * from every rule invitation of the widget.
       */
      warmFrom?: Rule;
    }
  | { kind: 'oracle'; threshold: number };

export interface Tally {
  visits: number;
  invited: number;
  accepted: number;
  dismissed: number;
}

/** Runs one policy over `visits` visits of the seeded population. */
export function runPolicy(visits: number, seed: number, policy: Policy = { kind: 'static' }): Tally {
  const population = new VisitorPopulation(seed);
  const model = policy.kind === 'smart' ? new AcceptanceModel() : undefined;
  if (model && policy.kind === 'smart' && policy.warmFrom) {
    const history = new VisitorPopulation(seed + 7_368_787);
    for (let i = 0; i < visits; i += 1) {
      const visit = history.nextVisit();
      const visitStartedAt = T0 - (visits - i) * VISIT_GAP_MS;
      const shown = walk(visit, visitStartedAt, policy.warmFrom, { kind: 'static' }, undefined);
      if (!shown) continue;
      const outcome = history.show(momentOf(visit, shown.index, visitStartedAt, shown.at));
      model.learn({ features: shown.features, accepted: outcome === 'accepted' });
    }
  }
  const live =
    policy.kind === 'static'
      ? (policy.rule ?? staticRule)
      : smartRule(policy.kind === 'smart' && policy.bestMoment);
  const tally: Tally = { visits, invited: 0, accepted: 0, dismissed: 0 };
  for (let i = 0; i < visits; i += 1) {
    const visit = population.nextVisit();
    const visitStartedAt = T0 + i * VISIT_GAP_MS;
    const shown = walk(visit, visitStartedAt, live, policy, model);
    if (!shown) continue;
    tally.invited += 1;
    const outcome = population.show(momentOf(visit, shown.index, visitStartedAt, shown.at));
    if (outcome === 'accepted') tally.accepted += 1;
    if (outcome === 'dismissed') tally.dismissed += 1;
    model?.learn({ features: shown.features, accepted: outcome === 'accepted' });
  }
  return tally;
}

/** The first instant of the visit the policy invites at, with the features then; none: not invited. */
function walk(
  visit: SimulatedVisit,
  visitStartedAt: number,
  live: Rule,
  policy: Policy,
  model: AcceptanceModel | undefined,
): { index: number; at: number; features: ReturnType<typeof journeyFeatures> } | undefined {
  let pageStartedAt = visitStartedAt;
  for (let index = 0; index < visit.pages.length; index += 1) {
    const facts = simulatedFacts(visit, index, visitStartedAt, pageStartedAt);
    const leaves = pageStartedAt + (visit.pages[index]?.dwellMs ?? 0);
    const predictAt =
      policy.kind === 'oracle'
        ? (when: number) => truePropensity(momentOf(visit, index, visitStartedAt, when))
        : model?.ready
          ? (when: number) => model.probability(journeyFeatures(facts, when))
          : undefined;
    const threshold = policy.kind === 'static' ? 0 : policy.threshold;
    let since: number | undefined;
    for (let at = pageStartedAt; at < leaves; at += STEP_MS) {
      const probability = predictAt?.(at);
      const seen: VisitorFacts =
        probability !== undefined ? { ...facts, prediction: { probability } } : facts;
      if ((probability !== undefined && probability < threshold) || !evaluate([live], seen, at).fire)
        continue;
      if (predictAt && live.smart?.bestMoment) {
        since ??= at;
        const plan = planMoment(predictAt, at, {
          since,
          maxDelayMs: live.smart.bestMoment.maxDelaySeconds * 1000,
        });
        if (!plan.inviteNow) continue;
      }
      return { index, at, features: journeyFeatures(facts, at) };
    }
    pageStartedAt = leaves;
  }
  return undefined;
}

/** The threshold that spends `budget` invitations over the same visits (±2 %), and the tally it gives. */
export function matchBudget(
  budget: number,
  run: (threshold: number) => Tally,
): { threshold: number; tally: Tally } {
  let low = 0;
  let high = 0.9;
  let best = { threshold: 0, tally: run(0) };
  for (let step = 0; step < 14; step += 1) {
    const threshold = (low + high) / 2;
    const tally = run(threshold);
    if (Math.abs(tally.invited - budget) < Math.abs(best.tally.invited - budget)) best = { threshold, tally };
    if (Math.abs(tally.invited - budget) <= budget * 0.02) break;
    if (tally.invited > budget) low = threshold;
    else high = threshold;
  }
  return best;
}

/**
 * The hindsight bound: each visit's best true chance at any 5-second step at least 5 s into a page (knowing how
 * long the visitor stays), summed over the `budget` best visits. Expected acceptances, not a draw.
 */
export function hindsightAccepted(visits: number, seed: number, budget: number): number {
  const population = new VisitorPopulation(seed);
  const best: number[] = [];
  for (let i = 0; i < visits; i += 1) {
    const visit = population.nextVisit();
    const visitStartedAt = T0 + i * VISIT_GAP_MS;
    let pageStartedAt = visitStartedAt;
    let top = 0;
    visit.pages.forEach((page, index) => {
      for (let at = pageStartedAt + SMART_FLOOR_MS; at < pageStartedAt + page.dwellMs; at += STEP_MS) {
        top = Math.max(top, truePropensity(momentOf(visit, index, visitStartedAt, at)));
      }
      pageStartedAt += page.dwellMs;
    });
    best.push(top);
  }
  best.sort((a, b) => b - a);
  return best.slice(0, budget).reduce((sum, chance) => sum + chance, 0);
}
