import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './cluster.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const nginxBinary = '/usr/sbin/nginx';

/** Whether Debian's nginx is installed (`.ci/run` installs it). */
export function nginxInstalled(): boolean {
  return spawnSync(nginxBinary, ['-v']).status === 0;
}

/**
 * Debian's nginx in front of the nodes, with the configuration operators are given (docs/nginx/beckon.conf):
 * only its listening port and the nodes' ports are changed, and it runs in the foreground from a directory of
 * its own.
 */
export class LoadBalancer {
  private process: ChildProcess | undefined;
  private readonly dir = mkdtempSync(path.join(os.tmpdir(), 'beckon-nginx-'));
  private readonly log: string[] = [];
  port = 0;

  constructor(private readonly nodePorts: readonly number[]) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.port = await freePort();
    const documented = readFileSync(path.join(repoRoot, 'docs/nginx/beckon.conf'), 'utf8');
    const servers = documented.match(/^\s*server 127\.0\.0\.1:\d+ .*;$/gm) ?? [];
    if (servers.length !== this.nodePorts.length)
      throw new Error('docs/nginx/beckon.conf lists another node count');
    let site = documented.replace('listen 80;', `listen 127.0.0.1:${this.port};`);
    servers.forEach((line, i) => {
      site = site.replace(line, line.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${this.nodePorts[i]}`));
    });
    for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(this.dir, temp));
    // Workers drop to `nobody` when nginx starts as root: they must reach the temporary directories.
    chmodSync(this.dir, 0o755);
    const main = [
      'daemon off;',
      'worker_processes 1;',
      `pid ${this.dir}/nginx.pid;`,
      `error_log ${this.dir}/error.log warn;`,
      'events { worker_connections 1024; }',
      'http {',
      '  access_log off;',
      ...['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (temp) => `  ${temp === 'body' ? 'client_body' : temp}_temp_path ${this.dir}/${temp};`,
      ),
      site,
      '}',
    ].join('\n');
    writeFileSync(path.join(this.dir, 'nginx.conf'), main);
    for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
      chmodSync(path.join(this.dir, temp), 0o777);
    const child = spawn(nginxBinary, ['-p', this.dir, '-c', path.join(this.dir, 'nginx.conf')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.process = child;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => this.log.push(chunk));
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`nginx exited with ${child.exitCode}: ${this.log.join('')}`);
      try {
        const response = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(1000) });
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`nginx did not answer within 10 s: ${this.log.join('')}`);
  }

  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (child && child.exitCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGQUIT');
      });
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
