// `npm run test:packed-install`, the installable package end to end: `npm run pack`'s tarball installed into an
// empty folder with npm, then `npx beckon version`, `doctor` and `start` on a free port with a fresh data folder;
// the node must answer its health check, serve the console, the widget and the demo, let the demo admin sign in,
// and exit cleanly on SIGTERM. It expects built bundles (the npm script builds what changed first).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const step = (text) =>
  process.stdout.write(`[packed-install ${((Date.now() - started) / 1000).toFixed(1)}s] ${text}\n`);

const tarball = execFileSync('node', ['scripts/pack.mjs'], { cwd: root, encoding: 'utf8' }).trim();
step(`packed ${tarball}`);
const dir = mkdtempSync(path.join(tmpdir(), 'beckon-packed-'));
let node;
try {
  writeFileSync(path.join(dir, 'package.json'), '{"name":"packed-install-check","private":true}\n');
  // The npm cache of the repository's own install serves most of it; native modules build for this machine.
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], {
    cwd: dir,
    stdio: 'inherit',
  });
  step('installed');
  const port = await freePort();
  const password = 'packed-install-password';
  // Only this check's settings: not a store or a Redis the machine's environment points at.
  const inherited = Object.entries(process.env).filter(
    ([name]) => !/^(BECKON_|DATABASE_URL$|REDIS_URL$|DATA_DIR$|HOST$)/.test(name),
  );
  const env = {
    ...Object.fromEntries(inherited),
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: path.join(dir, 'data'),
    BECKON_DEMO_PASSWORD: password,
  };
  execFileSync('npx', ['beckon', 'version'], { cwd: dir, env, stdio: 'inherit' });
  execFileSync('npx', ['beckon', 'doctor'], { cwd: dir, env, stdio: 'inherit' });
  step('doctor passed');
  // The installed bin itself, not through npx: npx dies of SIGTERM without passing it on to the node.
  const bin = path.join(dir, 'node_modules', '.bin', 'beckon');
  node = spawn(bin, ['start'], { cwd: dir, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise((resolve) => node.once('exit', (code, signal) => resolve({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  // Ready, not only alive: the port opens before the demo's accounts are created.
  await waitFor(`${base}/readyz`);
  step('ready');
  for (const page of ['/console/', '/widget/widget.js', '/demo/']) {
    const response = await fetch(base + page);
    if (!response.ok) throw new Error(`GET ${page}: ${response.status}`);
  }
  const login = await fetch(`${base}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email: 'admin@beckon.local', password }),
  });
  if (!login.ok) throw new Error(`signing in the demo admin: ${login.status} ${await login.text()}`);
  step('console, widget and demo served; the demo admin signed in');
  node.kill('SIGTERM');
  const { code, signal } = await exited;
  if (code !== 0) throw new Error(`beckon start exited with code ${code} (signal ${signal}) on SIGTERM`);
  step('stopped cleanly on SIGTERM');
} finally {
  // A failed check leaves no node behind.
  if (node && node.exitCode === null && node.signalCode === null) node.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${url} did not answer within a minute`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
