import { describe, expect, it } from 'vitest';
import { normalizeContext } from './context.ts';

describe('normalizeContext', () => {
  it('accepts both forms and drops null, undefined and empty values silently', () => {
    const { context, problems } = normalizeContext({
      plain: 'x',
      num: 0,
      flag: false,
      full: { value: 'y', isDisplayable: false },
      nothing: null,
      missing: undefined,
      empty: '',
      emptyObject: { value: '', isDisplayable: true },
    });
    expect(context).toEqual({
      plain: { value: 'x', isDisplayable: true },
      num: { value: 0, isDisplayable: true },
      flag: { value: false, isDisplayable: true },
      full: { value: 'y', isDisplayable: false },
    });
    expect(problems).toEqual([]);
  });

  it('drops and reports what is over the limits, keeping everything else', () => {
    const raw: Record<string, unknown> = {};
    for (let i = 0; i < 102; i++) raw[`v${i}`] = i;
    raw.long = 'x'.repeat(4001);
    raw.edge = 'x'.repeat(4000);
    raw['n'.repeat(101)] = 1;
    raw.obj = { value: [1, 2] };
    raw.nan = Number.NaN;
    const { context, problems } = normalizeContext(raw);
    expect(Object.keys(context)).toHaveLength(100);
    expect(context.v99).toEqual({ value: 99, isDisplayable: true });
    expect(context.edge).toBeUndefined();
    const codes = problems.map((p) => p.code);
    expect(codes.filter((c) => c === 'CONTEXT_TOO_MANY_VARIABLES')).toHaveLength(3);
    expect(codes).toContain('CONTEXT_VALUE_TOO_LONG');
    expect(codes).toContain('CONTEXT_NAME_TOO_LONG');
    expect(codes.filter((c) => c === 'CONTEXT_VALUE_INVALID')).toHaveLength(2);
  });
});
