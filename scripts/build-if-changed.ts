// `npm start`: builds the widget and console bundles only when their sources changed since the last build.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTargets, describeDecision, needsBuild, sourceHash } from './build-stamp.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const decisions = buildTargets.map((target) => {
  const hash = sourceHash(root, target.inputs);
  const stampFile = path.join(root, target.stamp);
  const stamp = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : undefined;
  return { target, hash, stampFile, name: target.name, build: needsBuild(hash, stamp) };
});
process.stdout.write(`${describeDecision(decisions)}\n`);
for (const decision of decisions.filter((d) => d.build)) {
  execFileSync('npm', ['run', 'build', '-w', decision.target.workspace], { cwd: root, stdio: 'inherit' });
  // Written after a successful build only: a failed build is tried again next time.
  writeFileSync(decision.stampFile, `${decision.hash}\n`);
}
