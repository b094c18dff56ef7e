import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeClock } from '@beckon/test-kit';
import type pg from 'pg';
import { pino } from 'pino';
import { afterEach, beforeEach } from 'vitest';
import { createBeckon } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { type Harness, password } from '../test/harness.ts';
import { createTestDatabase, type TestDatabase, testRedisPrefix, testRedisUrl } from './services.ts';

export interface FakeClockCluster {
  /** A node of the cluster (in-process, real sockets, the demo seeded), on a FakeClock of its own at t0. */
  startNode(env?: Record<string, string>): Promise<Harness>;
  /** Moves a live node's clock in sweep-sized steps, letting each sweep's queries finish before the next. */
  runFor(node: Harness, ms: number): Promise<void>;
  /** Reads the shared database directly: for what the nodes write that no store method reads back. */
  query<Row extends pg.QueryResultRow>(text: string): Promise<Row[]>;
}

/**
 * Nodes sharing one fresh PostgreSQL database and one Redis prefix per test. Each node has its own fake clock, so
 * a node whose clock stops has stopped beating and running its timers, exactly as a killed process has; its
 * sockets may stay open (a half-dead node or an unnoticed TCP drop). Registers the per-test setup and cleanup.
 */
export function useFakeClockCluster(t0: number): FakeClockCluster {
  let database: TestDatabase;
  let prefix: string;
  const nodes: Harness[] = [];
  const dataDirs: string[] = [];

  beforeEach(async () => {
    database = await createTestDatabase();
    prefix = testRedisPrefix();
  });

  afterEach(async () => {
    await Promise.all(nodes.splice(0).map((node) => node.close()));
    await database?.drop();
    for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  return {
    async startNode(env = {}) {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'beckon-scale-'));
      dataDirs.push(dataDir);
      const clock = new FakeClock(t0);
      const config = loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: database.url,
        REDIS_URL: testRedisUrl,
        BECKON_REDIS_PREFIX: prefix,
        BECKON_DEMO_PASSWORD: password,
        BECKON_PUBLIC_URL: 'http://shop.test',
        ...env,
      });
      const node = await createBeckon({ config, clock, logger: pino({ level: 'silent' }) });
      const { port } = await node.listen();
      const widget = await node.store.getWidgetByKey('demo');
      // The seed makes the demo agent Available; these tests set every agent's presence themselves.
      const demoAgent = await node.store.findUserByEmail('agent@beckon.local');
      if (demoAgent) await node.store.setPresence(demoAgent.id, 'offline', clock.now());
      const harness: Harness = {
        node,
        clock,
        url: `http://127.0.0.1:${port}`,
        origin: 'http://shop.test',
        wsUrl: `ws://127.0.0.1:${port}`,
        demoWidgetId: widget?.id ?? '',
        close: () => node.close(),
      };
      nodes.push(harness);
      return harness;
    },
    query: (text) => database.query(text),
    async runFor(node, ms) {
      for (let done = 0; done < ms; done += 5_000) {
        await node.clock.advance(Math.min(5_000, ms - done));
        // Waits for the sweep the clock started (or runs one at this instant if it had already finished).
        await node.node.sweep();
      }
    },
  };
}
