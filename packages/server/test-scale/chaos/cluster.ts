import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface ClusterOptions {
  size: number;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  password: string;
  /** The page origin visitors come from (allowed by the seed through BECKON_PUBLIC_URL). */
  publicUrl: string;
  /** Extra environment for every node. */
  env?: Record<string, string>;
}

interface Slot {
  port: number;
  process?: ChildProcess;
  ready: boolean;
  /** Last lines of stderr, for a failure message. */
  stderr: string[];
}

/**
 * Real server processes (`node --import tsx packages/server/src/main.ts`), each on its own port, sharing one
 * PostgreSQL database and one Redis prefix. `kill(i)` is SIGKILL: no shutdown code runs, as in a crash.
 */
export class Cluster {
  private readonly slots: Slot[] = [];
  private readonly dataDir = mkdtempSync(path.join(os.tmpdir(), 'beckon-chaos-'));

  constructor(private readonly options: ClusterOptions) {}

  async start(): Promise<void> {
    for (let i = 0; i < this.options.size; i++) {
      this.slots.push({ port: await freePort(), ready: false, stderr: [] });
    }
    // The first node migrates and seeds the empty database; the others then start together.
    await this.startNode(0);
    await Promise.all(this.slots.slice(1).map((_, i) => this.startNode(i + 1)));
  }

  get size(): number {
    return this.slots.length;
  }

  url(index: number): string {
    return `http://127.0.0.1:${this.slots[index]?.port}`;
  }

  /** Indexes of nodes that answered /readyz since they were last started. */
  readyNodes(): number[] {
    return this.slots.flatMap((slot, index) => (slot.ready ? [index] : []));
  }

  /** SIGKILL: no shutdown code runs, as in a crash. */
  kill(index: number): Promise<void> {
    return this.signal(index, 'SIGKILL');
  }

  /** SIGTERM: the node drains (BECKON_DRAIN_MS), closes its sockets and exits, as on a rolling restart. */
  terminate(index: number): Promise<void> {
    return this.signal(index, 'SIGTERM');
  }

  /** The nodes' ports, in order (for a load balancer in front). */
  get ports(): number[] {
    return this.slots.map((slot) => slot.port);
  }

  async startNode(index: number): Promise<void> {
    const slot = this.slot(index);
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        PORT: String(slot.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        DATABASE_URL: this.options.databaseUrl,
        REDIS_URL: this.options.redisUrl,
        BECKON_REDIS_PREFIX: this.options.redisPrefix,
        BECKON_DEMO_PASSWORD: this.options.password,
        BECKON_PUBLIC_URL: this.options.publicUrl,
        LOG_LEVEL: 'warn',
        // Every simulated visitor connects from 127.0.0.1.
        BECKON_MAX_VISITOR_SOCKETS_PER_ADDRESS: '100000',
        ...this.options.env,
      },
    });
    slot.process = child;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      slot.stderr.push(...chunk.split('\n').filter(Boolean));
      slot.stderr.splice(0, Math.max(0, slot.stderr.length - 20));
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new Error(`node ${index} exited with ${child.exitCode}: ${slot.stderr.join('\n')}`);
      }
      if (await isReady(this.url(index))) {
        slot.ready = slot.process === child;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`node ${index} was not ready within 60 s: ${slot.stderr.join('\n')}`);
  }

  async stop(): Promise<void> {
    await Promise.all(this.slots.map((_, index) => this.kill(index)));
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Sends the node `signal` and waits for it to exit; the node is not ready from now on. */
  private async signal(index: number, signal: NodeJS.Signals): Promise<void> {
    const slot = this.slot(index);
    slot.ready = false;
    const child = slot.process;
    slot.process = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  private slot(index: number): Slot {
    const slot = this.slots[index];
    if (!slot) throw new Error(`no node ${index}`);
    return slot;
  }
}

async function isReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
