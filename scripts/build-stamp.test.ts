import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeDecision, inputFiles, needsBuild, sourceHash } from './build-stamp.ts';

let root: string;
const inputs = ['pkg/src', 'pkg/config.json'];
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'beckon-build-stamp-'));
  write('pkg/src/a.ts', 'export const a = 1;');
  write('pkg/src/nested/b.tsx', 'export const b = 2;');
  write('pkg/config.json', '{}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('whether npm start rebuilds a bundle', () => {
  it('builds when there is no stamp, skips when the stamp names the current sources', () => {
    const hash = sourceHash(root, inputs);
    expect(needsBuild(hash, undefined)).toBe(true);
    expect(needsBuild(hash, `${hash}\n`)).toBe(false);
    expect(needsBuild(hash, 'an older hash')).toBe(true);
  });

  it('sees an edit, an added file, a removed file, a rename and a changed config', () => {
    const before = sourceHash(root, inputs);
    expect(sourceHash(root, inputs)).toBe(before);
    const changes: Array<() => void> = [
      () => write('pkg/src/a.ts', 'export const a = 3;'),
      () => write('pkg/src/c.ts', ''),
      () => rmSync(path.join(root, 'pkg/src/nested/b.tsx')),
      () => renameSync(path.join(root, 'pkg/src/a.ts'), path.join(root, 'pkg/src/z.ts')),
      () => write('pkg/config.json', '{"x":1}'),
    ];
    for (const change of changes) {
      const previous = sourceHash(root, inputs);
      change();
      expect(sourceHash(root, inputs)).not.toBe(previous);
    }
  });

  it('ignores tests and files outside the inputs', () => {
    const before = sourceHash(root, inputs);
    write('pkg/src/a.test.ts', 'test');
    write('pkg/README.md', 'docs');
    expect(sourceHash(root, inputs)).toBe(before);
    expect(inputFiles(root, inputs)).toEqual(['pkg/config.json', 'pkg/src/a.ts', 'pkg/src/nested/b.tsx']);
  });

  it('says in one line which bundles it builds and which it skips', () => {
    expect(
      describeDecision([
        { name: 'widget', build: false },
        { name: 'console', build: true },
      ]),
    ).toBe(
      'Bundles: building console (sources changed since the last build); widget up to date, build skipped.',
    );
    expect(
      describeDecision([
        { name: 'widget', build: false },
        { name: 'console', build: false },
      ]),
    ).toBe('Bundles: widget and console up to date, build skipped.');
  });
});
