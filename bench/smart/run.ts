/**
 * Smart-invitation benchmark (docs/performance.md, "Smart invitations"). Run with `npm run bench:smart`.
 *
 * Message optimisation: on simulated traffic with known acceptance rates per variant (test-kit's SimulatedArms),
 * the same number of invitations is shown three ways — Thompson sampling over the variants, a uniform A/B split,
 * and always the best variant (an oracle nobody has) — and the accepted invitations are compared, averaged over
 * BENCH_SMART_SEEDS runs, at several amounts of traffic. Then the same per objective (accepted, chat answered,
 * tracked event) on variants each best at one, and the holdout uplift's estimate against the simulator's true
 * uplift: its bias and the coverage of its 95 % interval over seeded runs (objectives.ts). Also the CPU time of
 * one pick.
 *
 * Predicted engagement (engagement.ts): smart timing and targeting against each static rule sites write, at that
 * rule's invitation budget, cold and warm from the rule's outcomes, with and without the best-moment option, beside two ceilings (the same rule fed the simulator's true chance,
 * and the hindsight bound), over BENCH_SMART_ENGAGEMENT_SEEDS populations per amount of traffic, and the CPU time of
 * one prediction.
 */
import { performance } from 'node:perf_hooks';
import { type ArmStats, Thompson } from '@beckon/rules';
import { SimulatedArms } from '@beckon/test-kit';
import { hindsightAccepted, matchBudget, runPolicy, staticRules, type Tally } from './engagement.ts';
import { objectiveTables, upliftTables } from './objectives.ts';

const SEEDS = Number(process.env.BENCH_SMART_SEEDS ?? 50);
const TRAFFIC = [250, 500, 1_000, 2_000, 5_000];
/** Acceptance rates of the kind invitations see: a few per cent, the best variant twice the worst. */
const SCENARIOS: { name: string; rates: number[] }[] = [
  { name: 'three variants, 4 % / 6 % / 8 %', rates: [0.04, 0.06, 0.08] },
  { name: 'two close variants, 10 % / 11 %', rates: [0.1, 0.11] },
  { name: 'five variants, 2 %–10 %', rates: [0.02, 0.04, 0.06, 0.08, 0.1] },
];

function run(rates: number[], shown: number, seed: number) {
  const bandit = new SimulatedArms(rates, seed);
  const uniform = new SimulatedArms(rates, seed + 1_000_003);
  const oracle = new SimulatedArms(rates, seed + 2_000_006);
  const arms: ArmStats[] = bandit.ids.map((variantId) => ({ variantId, shown: 0, successes: 0 }));
  const thompson = new Thompson(seed);
  const accepted = { bandit: 0, uniform: 0, oracle: 0 };
  for (let i = 0; i < shown; i += 1) {
    const id = thompson.pick(arms);
    const arm = arms.find((a) => a.variantId === id)!;
    arm.shown += 1;
    if (bandit.show(id)) {
      arm.successes += 1;
      accepted.bandit += 1;
    }
    if (uniform.show(uniform.ids[i % rates.length]!)) accepted.uniform += 1;
    if (oracle.show(oracle.bestId)) accepted.oracle += 1;
  }
  return accepted;
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-GB', { maximumFractionDigits: digits });
const out = (line: string) => process.stdout.write(`${line}\n`);

out(
  `Smart invitations benchmark — Node ${process.version}, ${SEEDS} runs per cell, ${new Date().toISOString()}`,
);
for (const scenario of SCENARIOS) {
  out(`\n${scenario.name}: accepted invitations (mean of ${SEEDS} runs)`);
  out('| shown | Thompson | uniform A/B | best variant always | Thompson ÷ best | Thompson ÷ uniform |');
  out('| ----: | -------: | ----------: | ------------------: | --------------: | -----------------: |');
  for (const shown of TRAFFIC) {
    const totals = { bandit: 0, uniform: 0, oracle: 0 };
    for (let seed = 1; seed <= SEEDS; seed += 1) {
      const r = run(scenario.rates, shown, seed * 7919);
      totals.bandit += r.bandit;
      totals.uniform += r.uniform;
      totals.oracle += r.oracle;
    }
    const mean = (n: number) => n / SEEDS;
    out(
      `| ${fmt(shown, 0)} | ${fmt(mean(totals.bandit))} | ${fmt(mean(totals.uniform))} | ${fmt(mean(totals.oracle))} | ${fmt(totals.bandit / totals.oracle, 3)} | ${fmt(totals.bandit / totals.uniform, 3)} |`,
    );
  }
}

// Per objective, then the holdout uplift against the truth: fewer runs than above, so the whole stays quick.
objectiveTables(out, Math.max(1, Math.round(SEEDS / 2)), [1_000, 5_000, 20_000]);
upliftTables(out, SEEDS * 2, [1_000, 5_000, 20_000]);

// CPU per pick, against a baseline loop over the same arms in the same run.
const arms: ArmStats[] = [0, 1, 2].map((i) => ({ variantId: `v${i}`, shown: 1_000, successes: 40 + 20 * i }));
const thompson = new Thompson(1);
const picks = 200_000;
let sink = 0;
let started = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < picks; i += 1) sink += thompson.pick(arms).length;
const pickCpu = process.cpuUsage(started);
const pickWall = performance.now() - t0;
started = process.cpuUsage();
for (let i = 0; i < picks; i += 1)
  sink += arms.reduce((best, a) => (a.successes > best.successes ? a : best)).variantId.length;
const baseCpu = process.cpuUsage(started);
out(
  `\none pick over 3 arms: ${fmt(((pickCpu.user + pickCpu.system) / picks) * 1000, 0)} ns CPU (${fmt((pickWall / picks) * 1e6, 0)} ns wall); baseline (arg-max over the same arms) ${fmt(((baseCpu.user + baseCpu.system) / picks) * 1000, 0)} ns; load average ${(
    await import('node:os')
  )
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (${sink > 0 ? 'ok' : ''})`,
);

// Predicted engagement: smart timing and targeting against the static rules sites write, each at its own budget,
// with the oracle (the true chance in place of the model) and the hindsight bound as the ceilings.
const ENGAGEMENT_SEEDS = Number(process.env.BENCH_SMART_ENGAGEMENT_SEEDS ?? 3);
const VISITS = (process.env.BENCH_SMART_VISITS ?? '2000,5000,10000').split(',').map(Number);
/** Which static rules to compare against (indexes into staticRules); all by default. */
const BASELINES = (process.env.BENCH_SMART_BASELINES ?? staticRules.map((_, i) => i).join(','))
  .split(',')
  .map(Number);
out(
  `\npredicted engagement: each static rule vs smart (cold, and warm from that rule's outcomes), oracle and hindsight at that rule's budget (sums over ${ENGAGEMENT_SEEDS} populations; × is the acceptance rate against the static rule's)`,
);
out(
  '| static rule | visits | invitations static / smart / smart warm / smart+best / oracle | static accepted (rate) | smart accepted (rate) × | smart warm × | smart + best moment × | oracle × | hindsight × | dismissed static / smart / smart warm / smart+best / oracle | θ smart / warm / oracle |',
);
out('| :---- | -----: | -----: | -----: | -----: | -----: | -----: | -----: | -----: | -----: | -----: |');
const pct = (n: number, d: number) => `${fmt((100 * n) / Math.max(1, d), 1)} %`;
const engagementStarted = process.cpuUsage();
for (const baselineIndex of BASELINES) {
  const baseline = staticRules[baselineIndex]!;
  // Best moment is measured against the first rule only: it costs there, and a run per rule would double the time.
  const withBest = baselineIndex === 0;
  for (const visits of VISITS) {
    const zero = (): Tally => ({ visits, invited: 0, accepted: 0, dismissed: 0 });
    const sums = { plain: zero(), smart: zero(), warm: zero(), best: zero(), oracle: zero() };
    let hindsight = 0;
    const thresholds = { smart: 0, warm: 0, oracle: 0 };
    for (let seed = 1; seed <= ENGAGEMENT_SEEDS; seed += 1) {
      const populationSeed = seed * 104_729;
      const base = runPolicy(visits, populationSeed, { kind: 'static', rule: baseline.rule });
      const smart = matchBudget(base.invited, (threshold) =>
        runPolicy(visits, populationSeed, { kind: 'smart', threshold, bestMoment: false }),
      );
      const warm = matchBudget(base.invited, (threshold) =>
        runPolicy(visits, populationSeed, {
          kind: 'smart',
          threshold,
          bestMoment: false,
          warmFrom: baseline.rule,
        }),
      );
      const best = withBest
        ? matchBudget(base.invited, (threshold) =>
            runPolicy(visits, populationSeed, { kind: 'smart', threshold, bestMoment: true }),
          ).tally
        : zero();
      const oracle = matchBudget(base.invited, (threshold) =>
        runPolicy(visits, populationSeed, { kind: 'oracle', threshold }),
      );
      for (const key of ['invited', 'accepted', 'dismissed'] as const) {
        sums.plain[key] += base[key];
        sums.smart[key] += smart.tally[key];
        sums.warm[key] += warm.tally[key];
        sums.best[key] += best[key];
        sums.oracle[key] += oracle.tally[key];
      }
      hindsight += hindsightAccepted(visits, populationSeed, base.invited);
      thresholds.smart += smart.threshold;
      thresholds.warm += warm.threshold;
      thresholds.oracle += oracle.threshold;
    }
    const rate = (t: Tally) => t.accepted / Math.max(1, t.invited);
    const times = (t: Tally) => (t.invited === 0 ? '–' : fmt(rate(t) / rate(sums.plain), 2));
    const { plain, smart, warm, best, oracle } = sums;
    const all = [plain, smart, warm, best, oracle];
    const theta = (n: number) => `${fmt((100 * n) / ENGAGEMENT_SEEDS, 1)} %`;
    out(
      `| ${baseline.name} | ${fmt(visits, 0)} | ${all.map((t) => fmt(t.invited, 0)).join(' / ')} | ${fmt(plain.accepted, 0)} (${pct(plain.accepted, plain.invited)}) | ${fmt(smart.accepted, 0)} (${pct(smart.accepted, smart.invited)}) **${times(smart)}** | **${times(warm)}** | ${times(best)} | ${times(oracle)} | ${fmt(hindsight / plain.invited / rate(plain), 2)} | ${all.map((t) => fmt(t.dismissed, 0)).join(' / ')} | ${theta(thresholds.smart)} / ${theta(thresholds.warm)} / ${theta(thresholds.oracle)} |`,
    );
  }
}
const engagementCpu = process.cpuUsage(engagementStarted);
out(`engagement runs: ${fmt((engagementCpu.user + engagementCpu.system) / 1e6, 1)} s CPU`);

// CPU per prediction (features of one journey, then the dot product), against building the facts alone.
{
  const { AcceptanceModel: Model, journeyFeatures: featuresOf } = await import('@beckon/rules');
  const { VisitorPopulation: Population, simulatedFacts: factsOf } = await import('@beckon/test-kit');
  const population = new Population(1);
  const model = new Model();
  const visit = population.nextVisit();
  const at = Date.UTC(2026, 0, 5, 10, 0, 0);
  const n = 100_000;
  let acc = 0;
  let started = process.cpuUsage();
  for (let i = 0; i < n; i += 1)
    acc += model.probability(featuresOf(factsOf(visit, 0, at - 60_000, at - i), at, 'Europe/Paris'));
  const predictCpu = process.cpuUsage(started);
  started = process.cpuUsage();
  for (let i = 0; i < n; i += 1) acc += factsOf(visit, 0, at - 60_000, at - i).page.startedAt > 0 ? 1 : 0;
  const factsCpu = process.cpuUsage(started);
  out(
    `one prediction: ${fmt(((predictCpu.user + predictCpu.system) / n) * 1000, 0)} ns CPU; baseline (building the facts alone) ${fmt(((factsCpu.user + factsCpu.system) / n) * 1000, 0)} ns; load average ${(
      await import('node:os')
    )
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (${acc > 0 ? 'ok' : ''})`,
  );
}
