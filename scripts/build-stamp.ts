import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** One bundle `npm start` may rebuild: what it is built from, and where the stamp of its last build lives. */
export interface BuildTarget {
  name: string;
  /** npm workspace that builds it. */
  workspace: string;
  /** Files and folders (relative to the repository root) whose content the bundle depends on. */
  inputs: string[];
  /** The stamp file, inside the build output (a clean build output has none, so it is rebuilt). */
  stamp: string;
}

export const buildTargets: BuildTarget[] = [
  {
    name: 'widget',
    workspace: '@beckon/widget',
    inputs: [
      'packages/widget/src',
      'packages/widget/build.mjs',
      'packages/widget/package.json',
      'packages/widget/tsconfig.json',
      'packages/protocol/src',
      'package-lock.json',
    ],
    stamp: 'packages/widget/dist/.build-stamp',
  },
  {
    name: 'console',
    workspace: '@beckon/console',
    inputs: [
      'packages/console/src',
      'packages/console/public',
      'packages/console/index.html',
      'packages/console/vite.config.ts',
      'packages/console/package.json',
      'packages/console/tsconfig.json',
      'packages/protocol/src',
      'packages/rules/src',
      'package-lock.json',
    ],
    stamp: 'packages/console/dist/.build-stamp',
  },
];

/** Every file under `inputs`, relative to `root`, sorted; tests (`*.test.ts(x)`) do not go into a bundle. */
export function inputFiles(root: string, inputs: string[]): string[] {
  const files: string[] = [];
  const visit = (relative: string) => {
    const absolute = path.join(root, relative);
    if (!existsSync(absolute)) return;
    if (statSync(absolute).isDirectory()) {
      for (const entry of readdirSync(absolute)) visit(path.posix.join(relative, entry));
    } else if (!/\.test\.tsx?$/.test(relative)) {
      files.push(relative);
    }
  };
  for (const input of inputs) visit(input);
  return [...new Set(files)].sort();
}

/** A digest of the inputs' paths and contents: any edit, addition, removal or rename changes it. */
export function sourceHash(root: string, inputs: string[]): string {
  const hash = createHash('sha256');
  for (const file of inputFiles(root, inputs)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Build when there is no stamp (never built, or the output was cleaned) or it names other sources. */
export function needsBuild(currentHash: string, stamp: string | undefined): boolean {
  return stamp?.trim() !== currentHash;
}

/** The one line `npm start` prints: which bundles it builds and which it skips. */
export function describeDecision(decisions: { name: string; build: boolean }[]): string {
  const built = decisions.filter((d) => d.build).map((d) => d.name);
  const skipped = decisions.filter((d) => !d.build).map((d) => d.name);
  const parts: string[] = [];
  if (built.length > 0) parts.push(`building ${built.join(' and ')} (sources changed since the last build)`);
  if (skipped.length > 0) parts.push(`${skipped.join(' and ')} up to date, build skipped`);
  return `Bundles: ${parts.join('; ')}.`;
}
