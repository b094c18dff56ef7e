/**
 * Smart-invitation benchmark (docs/performance.md, "Smart invitations"). Run with `npm run bench:smart`.
 *
 * Message optimisation: on simulated traffic with known acceptance rates per variant (test-kit's SimulatedArms),
 * the same number of invitations is shown three ways — Thompson sampling over the variants, a uniform A/B split,
 * and always the best variant (an oracle nobody has) — and the accepted invitations are compared, averaged over
 * BENCH_SMART_SEEDS runs, at several amounts of traffic. Also the CPU time of one pick.
 */
import { performance } from 'node:perf_hooks';
import { type ArmStats, Thompson } from '@beckon/rules';
import { SimulatedArms } from '@beckon/test-kit';

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
