import { ruleInputSchema, widgetPatchSchema } from '@beckon/protocol';
import { describe, expect, test } from 'vitest';
import { ApiError, errorMessage } from '../api/http.ts';
import { humanMessage, validationProblem, zodErrorIn } from './human-messages.ts';

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

describe('a server’s validation answer, in words', () => {
  // What POST /v1/widgets/:id/rules answers for an empty name (packages/server/src/domain/validation.ts).
  const details = {
    issues: [
      {
        path: 'name',
        message: 'Too small: expected string to have >=1 characters',
        code: 'too_small',
        origin: 'string',
        minimum: 1,
      },
      {
        path: 'priority',
        message: 'Too big: expected number to be <=10000',
        code: 'too_big',
        origin: 'number',
        maximum: 10000,
      },
    ],
  };

  test('each issue by field, in English or French, never zod’s own text', () => {
    expect(validationProblem(details, 'en')).toBe('name: Required. priority: Must be at most 10000.');
    expect(validationProblem(details, 'fr')).toBe('name: Obligatoire. priority: Doit valoir au plus 10000.');
  });

  test('every console failure goes through it: errorMessage of a VALIDATION_FAILED answer', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Invalid input: name: Too small: …', details);
    expect(errorMessage(error, 'en')).toBe('name: Required. priority: Must be at most 10000.');
    expect(errorMessage(new ApiError(409, 'CONFLICT', 'Already exists.'), 'en')).toBe('Already exists.');
    expect(validationProblem({}, 'en')).toBeUndefined();
  });
});

describe('message template faults in words', () => {
  const withTemplate = (text: string) => ({ ...rule, name: 'Pricing', message: { text } });

  test('the editor’s check words the fault with its character, in English or French', () => {
    const en = ruleInputSchema.safeParse(withTemplate('Hi {{customer.frstName}}'), {
      error: zodErrorIn('en'),
    });
    expect(en.error?.issues.map((issue) => humanMessage(issue, 'en'))).toEqual([
      'Unknown variable “customer.frstName” at character 4.',
    ]);
    const fr = ruleInputSchema.safeParse(withTemplate('Bonjour {{page.title'), { error: zodErrorIn('fr') });
    expect(fr.error?.issues.map((issue) => humanMessage(issue, 'fr'))).toEqual([
      '« {{ » n’est pas fermé au caractère 9.',
    ]);
  });

  test('the server’s refusal of a template reads the same', () => {
    const details = {
      issues: [
        {
          path: 'message.text',
          code: 'custom',
          message: 'only variables like {{page.title}} are allowed, no sections at position 4',
          params: { template: { kind: 'not-allowed', position: 3, message: '' } },
        },
      ],
    };
    expect(validationProblem(details, 'fr')).toBe(
      'message.text: Seules des variables comme {{page.title}} sont permises (caractère 4).',
    );
  });
});
