// Runs the browser end-to-end suite (e2e/) in real Chromium. Installs Debian's Chromium when it is missing and we
// are root (CI containers); otherwise says how to get it. Never downloads Playwright's own browsers.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const chromium = '/usr/bin/chromium';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

if (!existsSync(chromium)) {
  if (process.getuid?.() !== 0) {
    process.stderr.write(
      'Chromium is required for the browser tests: run "sudo apt-get install chromium" (Debian) and retry.\n',
    );
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update'], env) !== 0 || run('apt-get', ['install', '-y', 'chromium'], env) !== 0) {
    process.stderr.write('Installing Chromium with apt-get failed.\n');
    process.exit(1);
  }
}

process.exit(run('npx', ['vitest', 'run', '--config', 'e2e/vitest.config.ts', ...process.argv.slice(2)]));
