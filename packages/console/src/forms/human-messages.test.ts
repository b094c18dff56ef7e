import { ruleInputSchema, widgetPatchSchema } from '@beckon/protocol';
import { describe, expect, test } from 'vitest';
import { humanMessage, zodErrorIn } from './human-messages.ts';

const rule = { name: '', conditions: { type: 'all', conditions: [] }, message: { text: 'Hi' } };

describe('validation messages people read', () => {
  test('an empty required text is "Required." in English and "Obligatoire." in French', () => {
    const en = ruleInputSchema.safeParse(rule, { error: zodErrorIn('en') });
    const fr = ruleInputSchema.safeParse(rule, { error: zodErrorIn('fr') });
    expect(en.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['name', 'Required.']]);
    expect(fr.error?.issues[0]?.message).toBe('Obligatoire.');
    expect(en.error?.issues[0]?.message).not.toMatch(/Too small|expected/);
  });

  test('numbers: not a number, out of range', () => {
    const nan = ruleInputSchema.safeParse(
      { ...rule, name: 'r', priority: Number.NaN },
      { error: zodErrorIn('en') },
    );
    expect(nan.error?.issues[0]?.message).toBe('Enter a number.');
    const big = ruleInputSchema.safeParse(
      { ...rule, name: 'r', priority: 20_000 },
      { error: zodErrorIn('fr') },
    );
    expect(big.error?.issues[0]?.message).toBe('Doit valoir au plus 10000.');
  });

  test('a message the schema states itself is kept', () => {
    const bad = widgetPatchSchema.safeParse({ color: 'red' }, { error: zodErrorIn('en') });
    expect(bad.success).toBe(false);
    expect(humanMessage({ code: 'custom', message: 'unknown IANA time zone' }, 'en')).toBe(
      'unknown IANA time zone',
    );
  });
});
