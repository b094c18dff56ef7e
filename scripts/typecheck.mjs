// Type-checks every package with its own tsconfig (they differ in DOM / JSX settings).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const projects = ['protocol', 'rules', 'test-kit', 'server', 'widget', 'console']
  .map((p) => `packages/${p}/tsconfig.json`)
  .concat(['e2e/tsconfig.json', 'bench/tsconfig.json', 'scripts/tsconfig.json'])
  .filter((p) => existsSync(p));
let failed = false;
for (const project of projects) {
  try {
    execFileSync('npx', ['tsc', '-p', project], { stdio: 'inherit' });
    process.stdout.write(`typecheck ok: ${project}\n`);
  } catch {
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
