import { type RuleInput, ruleInputSchema } from '@beckon/protocol';
import { describe, expect, test } from 'vitest';
import { chartSeries, significance } from './funnel-view.ts';
import { formToRuleInput, newRuleForm, ruleToForm } from './rule-form.ts';
import { previewUrl } from './rule-lifecycle-panel.tsx';

const base: RuleInput = {
  name: 'Pricing',
  enabled: true,
  priority: 100,
  conditions: { type: 'currentUrl', op: 'contains', value: '/pricing' },
  message: { text: 'Hi' },
  showPrechat: false,
};

describe('rule form: status and A/B split', () => {
  test('a rule without status or split round-trips unchanged; drafts and splits too', () => {
    const parse = (input: RuleInput) => ruleInputSchema.parse(input);
    for (const input of [
      base,
      { ...base, status: 'draft' as const },
      { ...base, status: 'published' as const },
      {
        ...base,
        split: {
          holdoutPercent: 10,
          variants: [
            { id: 'A', message: { text: 'Hi A' }, weight: 1 },
            { id: 'B', message: { text: 'Hi B' }, weight: 3 },
          ],
        },
      },
      { ...base, split: { holdoutPercent: 0, variants: [] } },
      {
        ...base,
        split: {
          holdoutPercent: 5,
          optimise: true,
          variants: [
            { id: 'A', message: { text: 'Hi A' }, weight: 1 },
            { id: 'B', message: { text: 'Hi B' }, weight: 1 },
          ],
        },
      },
      ...[{ kind: 'chat' as const }, { kind: 'event' as const, event: 'purchase', windowHours: 48 }].map(
        (objective) => ({
          ...base,
          split: {
            holdoutPercent: 5,
            optimise: true,
            objective,
            variants: [
              { id: 'A', message: { text: 'Hi A' }, weight: 1 },
              { id: 'B', message: { text: 'Hi B' }, weight: 1 },
            ],
          },
        }),
      ),
    ]) {
      expect(formToRuleInput(ruleToForm(parse(input)))).toEqual(parse(input));
    }
  });

  test('an objective is saved only while optimising; a blank window is a day, a blank event is refused', () => {
    const form = ruleToForm(ruleInputSchema.parse(base));
    const variants = [
      { id: 'A', text: 'a', weight: '1' },
      { id: 'B', text: 'b', weight: '1' },
    ];
    const split = {
      holdoutPercent: '0',
      variants,
      optimise: true,
      objective: 'event' as const,
      objectiveEvent: ' purchase ',
      objectiveWindowHours: '',
      stored: true,
    };
    expect(formToRuleInput({ ...form, split }).split?.objective).toEqual({
      kind: 'event',
      event: 'purchase',
      windowHours: 24,
    });
    expect(
      formToRuleInput({ ...form, split: { ...split, optimise: false } }).split?.objective,
    ).toBeUndefined();
    const blank = formToRuleInput({ ...form, split: { ...split, objectiveEvent: '' } });
    expect(ruleInputSchema.safeParse(blank).success).toBe(false);
  });

  test('a new rule starts as a draft; publishing clears it', () => {
    const form = newRuleForm();
    expect(formToRuleInput(form).status).toBe('draft');
    expect(formToRuleInput({ ...form, draft: false }).status).toBeUndefined();
  });

  test('an empty variant weight is reported by the schema', () => {
    const form = ruleToForm(ruleInputSchema.parse(base));
    form.split = {
      holdoutPercent: '5',
      variants: [{ id: 'A', text: 'x', weight: '' }],
      optimise: false,
      objective: 'accepted',
      objectiveEvent: '',
      objectiveWindowHours: '24',
      stored: false,
    };
    expect(ruleInputSchema.safeParse(formToRuleInput(form)).success).toBe(false);
  });
});

describe('funnel view helpers', () => {
  const steps = {
    invited: 4,
    shown: 3,
    held: 1,
    accepted: 2,
    dismissed: 1,
    expired: 0,
    agentAccepted: 2,
    ended: 1,
    csatCount: 0,
  };
  test('one chart series per A/B side, or the total', () => {
    const none = { shown: 0, accepted: 0, dismissed: 0, expired: 0, chats: 0 };
    const rule = {
      ruleId: 'r',
      ruleName: 'R',
      evaluated: 9,
      total: steps,
      variants: [],
      smartSplit: { smart: none, static: none },
    };
    expect(chartSeries(rule)).toEqual({
      labels: ['all'],
      data: [
        [0, 1, 2, 3, 4, 5, 6],
        [4, 3, 2, 1, 0, 2, 1],
      ],
    });
    const split = {
      ...rule,
      variants: [
        { ...steps, variant: 'A' },
        { ...steps, shown: 0, variant: 'holdout' },
      ],
    };
    expect(chartSeries(split).labels).toEqual(['A', 'holdout']);
    expect(chartSeries(split).data[2]).toEqual([4, 0, 2, 1, 0, 2, 1]);
  });

  test('significance wording', () => {
    expect(significance(undefined)).toBe('not enough data');
    expect(significance(0.0004)).toBe('p = < 0.001 (significant at 5 %)');
    expect(significance(0.2)).toBe('p = 0.200 (not significant)');
    expect(significance(0.2, 'fr')).toBe('p = 0.200 (non significatif)');
    expect(significance(undefined, 'fr')).toBe('pas assez de données');
  });

  test('preview URLs keep the page query and add the token', () => {
    expect(previewUrl('https://shop.example/p?x=1#top', { token: 'T0k', expiresAt: 0, parameter: '' })).toBe(
      'https://shop.example/p?x=1&beckon_preview=T0k#top',
    );
  });
});
