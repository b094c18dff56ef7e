import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FakeClock } from '@beckon/test-kit';
import { pino } from 'pino';
import { createBeckon } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { type Harness, password } from '../test/harness.ts';
import { createTestDatabase, type TestDatabase, testRedisPrefix, testRedisUrl } from './services.ts';

/**
 * Nodes in one process sharing one PostgreSQL database, one Redis prefix and one fake clock, selected by
 * configuration alone (DATABASE_URL, REDIS_URL) as in production: deadlines stay instant, and every frame
 * between sockets on different nodes crosses Redis. The first node started migrates and seeds the database.
 */
export class SharedClockNodes {
  private readonly dataDirs: string[] = [];
  private readonly nodes: Harness[] = [];
  private readonly prefix = testRedisPrefix();

  private constructor(
    private readonly database: TestDatabase,
    readonly clock: FakeClock,
  ) {}

  static async create(clock: FakeClock): Promise<SharedClockNodes> {
    return new SharedClockNodes(await createTestDatabase(), clock);
  }

  /** `env`: settings of this node beyond the shared ones. */
  async start(env: Record<string, string> = {}): Promise<Harness> {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'beckon-scale-'));
    this.dataDirs.push(dataDir);
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: this.database.url,
      REDIS_URL: testRedisUrl,
      BECKON_REDIS_PREFIX: this.prefix,
      BECKON_DEMO_PASSWORD: password,
      // The nodes share one fake clock that jumps minutes at once: that is not a node dying.
      BECKON_NODE_TTL_MS: '3600000',
      ...env,
    });
    const clock = this.clock;
    const node = await createBeckon({ config, clock, logger: pino({ level: 'silent' }) });
    const { port, url } = await node.listen();
    const widget = await node.store.getWidgetByKey('demo');
    if (!widget) throw new Error('the demo widget was not seeded');
    // The seed makes the demo agent Available; these tests set every agent's presence themselves.
    const demoAgent = await node.store.findUserByEmail('agent@beckon.local');
    if (demoAgent) await node.store.setPresence(demoAgent.id, 'offline', clock.now());
    const harness: Harness = {
      node,
      clock,
      url: `http://127.0.0.1:${port}`,
      origin: url,
      wsUrl: `ws://127.0.0.1:${port}`,
      demoWidgetId: widget.id,
      close: () => node.close(),
    };
    this.nodes.push(harness);
    return harness;
  }

  async close(): Promise<void> {
    await Promise.all(this.nodes.splice(0).map((node) => node.close()));
    await this.database.drop();
    for (const dir of this.dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}
