import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCodeList, errorCodes } from './errors.ts';

describe('docs/errors.md', () => {
  const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  const documented = new Map(
    [...doc.matchAll(/^\| `([A-Z_]+)` +\| (\d{3}) +\|/gm)].map((m) => [m[1], Number(m[2])] as const),
  );

  it('lists every code with its HTTP status, and nothing else', () => {
    expect([...documented.keys()].sort()).toEqual([...errorCodeList].sort());
    for (const code of errorCodeList) expect(documented.get(code), code).toBe(errorCodes[code].status);
  });
});
