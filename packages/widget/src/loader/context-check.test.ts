import { limits } from '@beckon/protocol/limits';
import { describe, expect, it } from 'vitest';
import { checkContext } from './context-check.ts';

describe('checkContext', () => {
  it('keeps both forms and drops empty values silently', () => {
    const result = checkContext({
      plan: 'gold',
      cartValue: { value: 129.5, isDisplayable: true },
      vip: { value: true, isDisplayable: false },
      none: null,
      empty: '',
      missing: { value: undefined, isDisplayable: true },
    });
    expect(result.problems).toEqual([]);
    expect(result.context).toEqual({
      plan: 'gold',
      cartValue: { value: 129.5, isDisplayable: true },
      vip: { value: true, isDisplayable: false },
    });
  });

  it('drops over-limit values and keeps the valid rest', () => {
    const result = checkContext({
      ok: 'yes',
      long: 'x'.repeat(limits.contextMaxValueLength + 1),
      edge: 'y'.repeat(limits.contextMaxValueLength),
      [`n${'a'.repeat(limits.contextMaxNameLength)}`]: 'v',
      nested: { value: { deep: 1 }, isDisplayable: true },
      list: [1, 2],
      nan: Number.NaN,
    });
    expect(Object.keys(result.context)).toEqual(['ok', 'edge']);
    expect(result.problems.map((p) => p.code)).toEqual([
      'CONTEXT_VALUE_TOO_LONG',
      'CONTEXT_NAME_TOO_LONG',
      'CONTEXT_VALUE_INVALID',
      'CONTEXT_VALUE_INVALID',
      'CONTEXT_VALUE_INVALID',
    ]);
    expect(result.problems[0]?.name).toBe('long');
  });

  it('keeps the first 100 variables and reports the others', () => {
    const raw: Record<string, unknown> = {};
    for (let i = 0; i < limits.contextMaxVariables + 3; i++) raw[`v${i}`] = i;
    const result = checkContext(raw);
    expect(Object.keys(result.context)).toHaveLength(limits.contextMaxVariables);
    expect(result.problems).toHaveLength(3);
    expect(result.problems.every((p) => p.code === 'CONTEXT_TOO_MANY_VARIABLES')).toBe(true);
  });
});
