import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderErrorsDoc, withoutTablePadding } from '../../../scripts/errors-doc.ts';

describe('docs/errors.md', () => {
  const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');

  it('is exactly what scripts/gen-errors-doc.ts generates from errors.ts (run it after changing a code)', () => {
    expect(withoutTablePadding(doc)).toBe(withoutTablePadding(renderErrorsDoc()));
  });
});
