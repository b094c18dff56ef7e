import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeClock } from '@beckon/test-kit';
import { pino } from 'pino';
import { afterAll, expect, it } from 'vitest';
import { type BeckonNode, createBeckon } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { password } from '../test/harness.ts';
import { createTestDatabase, testRedisPrefix, testRedisUrl } from './services.ts';

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

it('three nodes starting together on an empty database all come up, and the demo is seeded once', async () => {
  const database = await createTestDatabase();
  cleanup.push(() => database.drop());
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'beckon-scale-'));
  cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const prefix = testRedisPrefix();
  const nodes: BeckonNode[] = await Promise.all(
    [1, 2, 3].map(() =>
      createBeckon({
        config: loadConfig({
          PORT: '0',
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          DATABASE_URL: database.url,
          REDIS_URL: testRedisUrl,
          BECKON_REDIS_PREFIX: prefix,
          BECKON_DEMO_PASSWORD: password,
        }),
        clock: new FakeClock(),
        logger: pino({ level: 'silent' }),
      }),
    ),
  );
  cleanup.push(async () => {
    await Promise.all(nodes.map((node) => node.close()));
  });
  const started = await Promise.all(nodes.map((node) => node.listen()));
  expect(started.filter((s) => s.seed.seeded)).toHaveLength(1);
  expect(await nodes[0]!.store.countUsers()).toBe(3);
  expect(await nodes[0]!.store.listWidgets()).toHaveLength(1);
});
