/**
 * The console's side of the Visitors list at scale, in Debian's Chromium: a real node whose bus carries 20,000
 * visitors said by another node, an agent on the Visitors screen, and visitors navigating. Measures, for each
 * update the screen receives, the time from the frame's arrival to the table changed in the DOM and to the next
 * painted frame.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LiveVisitor } from '@beckon/protocol';
import { chromium } from 'playwright-core';
import { MemoryBus } from '../../packages/server/src/adapters/memory-bus/memory-bus.ts';
import { createBeckon } from '../../packages/server/src/app.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import { topics } from '../../packages/server/src/domain/fanout.ts';
import { benchVisitor, navigated } from './server.ts';

const password = 'bench-password-1';

/**
 * Installed before the console's scripts: stamps each `visitors.changes` frame's arrival (the first listener on
 * every socket) and the first table mutation and paint after it.
 */
const observe = `
  window.__updates = [];
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (typeof event.data !== 'string' || !event.data.includes('"visitors.changes"')) return;
        const update = { arrived: performance.now() };
        window.__updates.push(update);
        const observer = new MutationObserver(() => {
          observer.disconnect();
          update.dom = performance.now();
          requestAnimationFrame(() => setTimeout(() => { update.painted = performance.now(); }, 0));
        });
        const table = document.querySelector('[data-testid=visitors-screen]') ?? document.body;
        observer.observe(table, { subtree: true, childList: true, characterData: true, attributes: true });
      });
    }
  };
`;

export interface ConsoleSample {
  visitors: number;
  updates: number;
  domMs: { median: number; p95: number };
  paintMs: { median: number; p95: number };
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
};

export async function measureConsole(options: { visitors: number; updates: number }): Promise<ConsoleSample> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'beckon-bench-live-'));
  const bus = new MemoryBus();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    BECKON_DEMO_PASSWORD: password,
  });
  const node = await createBeckon({ config, bus });
  const { port } = await node.listen();
  const origin = `http://localhost:${port}`;
  const widgetId = (await node.store.listWidgets())[0]!.id;
  const remote = 'node_bench_remote';
  const start = Date.now();
  let visitors: LiveVisitor[] = Array.from({ length: options.visitors }, (_, i) => ({
    ...benchVisitor(i, start),
    widgetId,
  }));
  await bus.publish(topics.liveVisitors, { kind: 'refresh', nodeId: remote, visitors });

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript({ content: observe });
    const page = await context.newPage();
    await page.goto(`${origin}/console/`);
    await page.locator('input[name=email]').fill('agent@beckon.local');
    await page.locator('input[name=password]').fill(password);
    await page.locator('[data-testid=login-submit]').click();
    await page.locator('[data-testid=presence-select]').waitFor({ state: 'visible', timeout: 15_000 });
    const nav = page.getByRole('navigation', { name: /^(Main|Principale)$/ });
    await nav.getByRole('link', { name: 'Visitors', exact: true }).click();
    await page.locator('[data-testid=visitor-row]').first().waitFor({ state: 'visible', timeout: 15_000 });

    // Each round moves 200 visitors, some of them among the newest arrivals the screen shows first.
    for (let round = 0; round < options.updates; round++) {
      const now = Date.now();
      for (let e = 0; e < 200; e++) {
        const index = ((round * 200 + e) * 7919) % visitors.length;
        const moved = {
          ...navigated(visitors[index]!, round, now),
          visitStartedAt: e < 5 ? now : visitors[index]!.visitStartedAt,
        };
        visitors[index] = moved;
        await bus.publish(topics.liveVisitors, { kind: 'upsert', nodeId: remote, visitor: moved });
      }
      await page.waitForFunction(
        (n) => {
          const updates = (globalThis as unknown as { __updates: { painted?: number }[] }).__updates;
          return updates.length >= n && updates[n - 1]?.painted !== undefined;
        },
        round + 1,
        { timeout: 15_000 },
      );
      // Keep the remote node alive in the list, and space the rounds past the one-a-second batching.
      await new Promise((resolve) => setTimeout(resolve, 1100));
    }
    const updates = await page.evaluate(
      () =>
        (globalThis as unknown as { __updates: { arrived: number; dom?: number; painted?: number }[] })
          .__updates,
    );
    const done = updates.filter((u) => u.dom !== undefined && u.painted !== undefined);
    const dom = done.map((u) => u.dom! - u.arrived);
    const paint = done.map((u) => u.painted! - u.arrived);
    return {
      visitors: options.visitors,
      updates: done.length,
      domMs: { median: quantile(dom, 0.5), p95: quantile(dom, 0.95) },
      paintMs: { median: quantile(paint, 0.5), p95: quantile(paint, 0.95) },
    };
  } finally {
    visitors = [];
    await browser.close();
    await node.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
