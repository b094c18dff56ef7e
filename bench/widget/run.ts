/**
 * The page-load cost of the widget's loader, measured in Debian's Chromium (not a test):
 * `npx tsx bench/widget/run.ts`. Serves the demo from an in-process Beckon node, loads /demo/pricing.html
 * with the loader and with the loader blocked, and reports per variant the median over the runs of the long
 * tasks (PerformanceObserver 'longtask': main-thread work over 50 ms), their total time, the cumulative layout
 * shift and the time to the load event. Page-load cost is what makes sites remove a chat widget.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBeckon, loadConfig } from '@beckon/server';
import { chromium } from 'playwright-core';

const runs = Number(process.env.RUNS ?? 15);

/** Installed before the page's own scripts: collects long tasks and layout shifts from the start. */
const observe = `
  window.__perf = { longTasks: [], cls: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__perf.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__perf.cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
`;

interface Sample {
  longTasks: number;
  longTaskMs: number;
  cls: number;
  loadMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'beckon-bench-widget-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const node = await createBeckon({ config });
  const { port } = await node.listen();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const results: Record<string, Sample[]> = { 'without widget': [], 'with widget': [] };
    for (let run = 0; run < runs; run++) {
      for (const variant of Object.keys(results)) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
        await context.addInitScript({ content: observe });
        const page = await context.newPage();
        if (variant === 'without widget') await page.route('**/widget.js', (route) => route.abort());
        const started = Date.now();
        await page.goto(`http://localhost:${port}/demo/pricing.html`, { waitUntil: 'load' });
        const loadMs = Date.now() - started;
        if (variant === 'with widget') {
          await page.locator('#beckon-root [data-testid=beckon-launcher]').waitFor({ state: 'visible' });
        }
        // Let late entries (the launcher appearing after `welcome`) reach the observers.
        await page.waitForTimeout(500);
        const perf = await page.evaluate(
          () => (globalThis as unknown as { __perf: { longTasks: number[]; cls: number } }).__perf,
        );
        results[variant]?.push({
          longTasks: perf.longTasks.length,
          longTaskMs: perf.longTasks.reduce((sum, ms) => sum + ms, 0),
          cls: perf.cls,
          loadMs,
        });
        await context.close();
      }
    }
    process.stdout.write(
      `| page (${runs} runs, median) | long tasks | long-task ms | CLS | load event ms |\n`,
    );
    process.stdout.write('| --- | ---: | ---: | ---: | ---: |\n');
    for (const [variant, samples] of Object.entries(results)) {
      process.stdout.write(
        `| ${variant} | ${median(samples.map((s) => s.longTasks))} | ${median(samples.map((s) => s.longTaskMs)).toFixed(0)} | ` +
          `${median(samples.map((s) => s.cls)).toFixed(4)} | ${median(samples.map((s) => s.loadMs))} |\n`,
      );
    }
  } finally {
    await browser.close();
    await node.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
