/**
 * The optimiser per objective, and the holdout uplift against the truth (docs/performance.md, "Smart
 * invitations"), on test-kit's SimulatedVisitors: variants whose best differs by objective, and held visitors.
 */
import { type ArmStats, rateDifference, seededRandom, Thompson } from '@beckon/rules';
import { type SimulatedObjective, SimulatedVisitors, type VisitorOutcome } from '@beckon/test-kit';

type Out = (line: string) => void;

/**
 * Three variants, each best at one objective: v0 is clicked most but rarely leads anywhere, v2 is clicked least
 * but its visitors talk and buy. Held visitors (and invited ones who do not accept) chat 0.5 % and buy 2 %.
 */
const VARIANTS = [
  { accepted: 0.08, chatGivenAccepted: 0.5, eventGivenAccepted: 0.1 },
  { accepted: 0.06, chatGivenAccepted: 0.8, eventGivenAccepted: 0.25 },
  { accepted: 0.04, chatGivenAccepted: 0.9, eventGivenAccepted: 0.5 },
];
const BASELINE = { chat: 0.005, event: 0.02 };
const OBJECTIVES: SimulatedObjective[] = ['accepted', 'chat', 'event'];

/** What an invitation counts for an objective's arm (a chat from the invitation, not any chat). */
function success(outcome: VisitorOutcome, objective: SimulatedObjective): boolean {
  if (objective === 'accepted') return outcome.accepted;
  return objective === 'chat' ? outcome.chatFromInvitation : outcome.event;
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-GB', { maximumFractionDigits: digits });

/**
 * (a) per objective: Thompson sampling on that objective against a uniform split, always the objective's best
 * variant, and Thompson sampling on acceptance (today's objective) — all scored on the objective.
 */
export function objectiveTables(out: Out, seeds: number, traffic: readonly number[]): void {
  out(
    `\nper objective: three variants, each best at one (mean of ${seeds} runs; successes of that objective)`,
  );
  out(
    '| objective | shown | Thompson on it | uniform A/B | best variant always | Thompson on accepted | Thompson ÷ best | Thompson ÷ uniform | on-accepted ÷ best |',
  );
  out(
    '| --------- | ----: | -------------: | ----------: | ------------------: | -------------------: | --------------: | -----------------: | -----------------: |',
  );
  for (const objective of OBJECTIVES) {
    for (const shown of traffic) {
      const totals = { own: 0, uniform: 0, oracle: 0, accepted: 0 };
      for (let seed = 1; seed <= seeds; seed += 1) {
        const s = seed * 7919;
        totals.own += play(objective, objective, shown, s);
        totals.accepted += play('accepted', objective, shown, s);
        const uniform = new SimulatedVisitors(VARIANTS, BASELINE, s + 1_000_003);
        const oracle = new SimulatedVisitors(VARIANTS, BASELINE, s + 2_000_006);
        for (let i = 0; i < shown; i += 1) {
          if (success(uniform.show(uniform.ids[i % VARIANTS.length]!), objective)) totals.uniform += 1;
          if (success(oracle.show(oracle.bestId(objective)), objective)) totals.oracle += 1;
        }
      }
      const mean = (n: number) => fmt(n / seeds);
      out(
        `| ${objective} | ${fmt(shown, 0)} | ${mean(totals.own)} | ${mean(totals.uniform)} | ${mean(totals.oracle)} | ${mean(totals.accepted)} | ${fmt(totals.own / totals.oracle, 3)} | ${fmt(totals.own / totals.uniform, 3)} | ${fmt(totals.accepted / totals.oracle, 3)} |`,
      );
    }
  }
}

/** Thompson sampling that learns from `learn` successes for `shown` invitations; returns the `score` successes. */
function play(learn: SimulatedObjective, score: SimulatedObjective, shown: number, seed: number): number {
  const visitors = new SimulatedVisitors(VARIANTS, BASELINE, seed);
  const arms: ArmStats[] = visitors.ids.map((variantId) => ({ variantId, shown: 0, successes: 0 }));
  const thompson = new Thompson(seed);
  let scored = 0;
  for (let i = 0; i < shown; i += 1) {
    const id = thompson.pick(arms);
    const arm = arms.find((a) => a.variantId === id)!;
    const outcome = visitors.show(id);
    arm.shown += 1;
    if (success(outcome, learn)) arm.successes += 1;
    if (success(outcome, score)) scored += 1;
  }
  return scored;
}

/**
 * (c) the holdout uplift: `visitors` visitors, 10 % held; the others get Thompson's pick (or, the baseline, a
 * uniform split). The reported uplift — invited minus held visitors' rate with its 95 % credible interval, as the
 * variants report computes it — is compared with the true uplift of the variants actually shown: the mean true
 * rate of the invited visitors' variants minus the held visitors' true rate.
 */
export function upliftTables(out: Out, seeds: number, traffic: readonly number[]): void {
  out(`\nholdout uplift against the truth: 10 % held, ${seeds} seeded runs per cell`);
  out(
    '| objective | allocation | visitors | true uplift (mean, points) | estimate − truth (mean, points) | 95 % interval covers truth | interval width (mean, points) |',
  );
  out(
    '| --------- | ---------- | -------: | -------------------------: | ------------------------------: | -------------------------: | ----------------------------: |',
  );
  for (const objective of ['chat', 'event'] as const) {
    for (const allocation of ['Thompson', 'uniform'] as const) {
      for (const visitors of traffic) {
        let covered = 0;
        let bias = 0;
        let width = 0;
        let truth = 0;
        for (let seed = 1; seed <= seeds; seed += 1) {
          const run = upliftRun(objective, allocation, visitors, seed * 104_729);
          if (!run) continue;
          covered += run.low <= run.truth && run.truth <= run.high ? 1 : 0;
          bias += run.difference - run.truth;
          width += run.high - run.low;
          truth += run.truth;
        }
        const points = (n: number) => fmt((n / seeds) * 100, 2);
        out(
          `| ${objective} | ${allocation} | ${fmt(visitors, 0)} | ${points(truth)} | ${points(bias)} | ${fmt((covered / seeds) * 100, 1)} % | ${points(width)} |`,
        );
      }
    }
  }
}

function upliftRun(
  objective: 'chat' | 'event',
  allocation: 'Thompson' | 'uniform',
  visitors: number,
  seed: number,
) {
  const simulated = new SimulatedVisitors(VARIANTS, BASELINE, seed);
  const holdoutDraw = seededRandom(seed + 1);
  const arms: ArmStats[] = simulated.ids.map((variantId) => ({ variantId, shown: 0, successes: 0 }));
  const thompson = new Thompson(seed);
  const held = { n: 0, x: 0 };
  const invited = { n: 0, x: 0, trueRate: 0 };
  for (let i = 0; i < visitors; i += 1) {
    // One visitor in ten is held: as the server's hash does, independent of the variant drawn.
    if (holdoutDraw() < 0.1) {
      held.n += 1;
      if (simulated.hold()[objective]) held.x += 1;
      continue;
    }
    const id = allocation === 'Thompson' ? thompson.pick(arms) : simulated.ids[i % VARIANTS.length]!;
    const arm = arms.find((a) => a.variantId === id)!;
    const outcome = simulated.show(id);
    arm.shown += 1;
    if (success(outcome, objective)) arm.successes += 1;
    invited.n += 1;
    if (outcome[objective]) invited.x += 1;
    invited.trueRate += simulated.visitorRate(id, objective);
  }
  const estimate = rateDifference(invited, held, 4_000, seed);
  if (!estimate) return undefined;
  return { ...estimate, truth: invited.trueRate / invited.n - BASELINE[objective] };
}
