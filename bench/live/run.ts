/**
 * Live visitors benchmark (docs/performance.md, "Live visitors"). Run with `npm run bench:live`.
 *
 * Server: CPU per visitor event on a node holding BENCH_LIVE_VISITORS visitors with 0 (the same run's baseline),
 * 1, 10 and 50 agents watching the Visitors list, all on one view or on six different ones; the frames and bytes
 * one watching agent receives per second. Each cell is the median of BENCH_LIVE_REPEATS runs after a warm-up.
 * Console: time from a list update's arrival to the table changed and painted in Chromium, at
 * BENCH_LIVE_VISITORS visitors and at 100 (the same run's baseline).
 */
import { loadavg } from 'node:os';
import { measureConsole } from './console.ts';
import { measureServer, type ServerSample } from './server.ts';

const VISITORS = Number(process.env.BENCH_LIVE_VISITORS ?? 20_000);
const REPEATS = Number(process.env.BENCH_LIVE_REPEATS ?? 3);
const SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 10);
const EVENTS_PER_SECOND = 200;
const CELLS: { watchers: number; views: 'same' | 'mixed' }[] = [
  { watchers: 0, views: 'same' },
  { watchers: 1, views: 'same' },
  { watchers: 10, views: 'same' },
  { watchers: 10, views: 'mixed' },
  { watchers: 50, views: 'same' },
  { watchers: 50, views: 'mixed' },
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits });
const out = (line: string) => process.stdout.write(`${line}\n`);
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

out(`Live visitors benchmark — Node ${process.version}, ${new Date().toISOString()}, load average ${load()}`);
out(
  `\nServer: ${fmt(VISITORS)} visitors, ${EVENTS_PER_SECOND} navigations/s, ${SECONDS} s per run, median of ${REPEATS}`,
);
await measureServer({
  visitors: VISITORS,
  watchers: 1,
  views: 'same',
  seconds: 2,
  eventsPerSecond: EVENTS_PER_SECOND,
});
out('| agents watching | views | CPU µs per visitor event | frames/s to one agent | bytes/s to one agent |');
out('| --------------: | ----- | -----------------------: | --------------------: | -------------------: |');
for (const cell of CELLS) {
  const samples: ServerSample[] = [];
  for (let i = 0; i < REPEATS; i++) {
    samples.push(
      await measureServer({
        visitors: VISITORS,
        ...cell,
        seconds: SECONDS,
        eventsPerSecond: EVENTS_PER_SECOND,
      }),
    );
  }
  out(
    `| ${cell.watchers} | ${cell.watchers === 0 ? '—' : cell.views} | ${fmt(median(samples.map((s) => s.cpuUsPerEvent)))} | ${fmt(median(samples.map((s) => s.framesPerSecond)), 2)} | ${fmt(median(samples.map((s) => s.bytesPerSecond)))} |`,
  );
}
out(`load average after the server part: ${load()}`);

out('\nConsole in Chromium: one update a second, 200 navigations each');
out('| visitors | updates | arrival → DOM median (p95) ms | arrival → paint median (p95) ms |');
out('| -------: | ------: | ----------------------------: | ------------------------------: |');
for (const visitors of [100, VISITORS]) {
  const sample = await measureConsole({ visitors, updates: 15 });
  out(
    `| ${fmt(visitors)} | ${sample.updates} | ${fmt(sample.domMs.median)} (${fmt(sample.domMs.p95)}) | ${fmt(sample.paintMs.median)} (${fmt(sample.paintMs.p95)}) |`,
  );
}
out(`load average at the end: ${load()}`);
