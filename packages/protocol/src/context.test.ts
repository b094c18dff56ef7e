import { describe, expect, it } from 'vitest';
import { normalizeContext, rawContextSchema } from './context.ts';
import { frameLimits } from './frame-limits.ts';

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
    const count = (code: string) => problems.find((p) => p.code === code)?.count;
    expect(count('CONTEXT_TOO_MANY_VARIABLES')).toBe(3);
    expect(count('CONTEXT_VALUE_TOO_LONG')).toBe(1);
    expect(count('CONTEXT_NAME_TOO_LONG')).toBe(1);
    expect(count('CONTEXT_VALUE_INVALID')).toBe(2);
    expect(problems.find((p) => p.code === 'CONTEXT_VALUE_TOO_LONG')?.message).toContain('"long"');
  });

  it('reports one problem per code, naming at most a few variables, however many keys are faulty', () => {
    const raw: Record<string, unknown> = {};
    for (let i = 0; i < 1000; i++) raw[`k${i}`] = { value: { nested: i } };
    const { context, problems } = normalizeContext(raw);
    expect(context).toEqual({});
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'CONTEXT_VALUE_INVALID', count: 1000 });
    expect(problems[0]!.names).toHaveLength(frameLimits.errorMaxIssues);
    expect(problems[0]!.message.length).toBeLessThan(400);
  });
});

describe('rawContextSchema', () => {
  it('refuses a context with more keys than contextMaxKeys as one issue, before reading any key', () => {
    const raw: Record<string, unknown> = {};
    for (let i = 0; i <= frameLimits.contextMaxKeys; i++) raw[`k${i}`] = i;
    const result = rawContextSchema.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    delete raw.k0;
    expect(rawContextSchema.safeParse(raw).success).toBe(true);
  });
});
