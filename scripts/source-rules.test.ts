import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Every TypeScript file the repository tracks, with its text. */
const sources = execFileSync('git', ['ls-files', '*.ts', '*.tsx', '*.mjs', '*.cjs'], { encoding: 'utf8' })
  .split('\n')
  .filter(Boolean)
  .map((file) => ({ file, text: readFileSync(file, 'utf8') }));

describe('source files', () => {
  it('over 300 lines say why in their first line', () => {
    const long = sources.filter(({ text }) => text.split('\n').length > 301);
    const unexplained = long
      .filter(({ text }) => !text.startsWith('// Over 300 lines: '))
      .map(({ file }) => file);
    expect(unexplained).toEqual([]);
  });

  it('stand on their own: no citations of documents outside the repository or of issue numbers', () => {
    const citing = sources
      .filter(({ file }) => file !== 'scripts/source-rules.test.ts')
      .flatMap(({ file, text }) =>
        text
          .split('\n')
          .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
          .filter(({ line }) => /PRODUCT\.md|ARCHITECTURE\.md|\b[Ii]ssue \d+\b/.test(line))
          .map(({ at }) => at),
      );
    expect(citing).toEqual([]);
  });
});
