import { type ConditionNode, type RuleInput, ruleInputSchema } from '@beckon/protocol';
import { describe, expect, test } from 'vitest';
import { initialDraft } from './condition-draft.ts';
import { fromConditions, newGroup, newRow, toConditions } from './condition-form.ts';
import { summarizeConditions } from './condition-summary.ts';
import { formToRuleInput, newRuleForm, ruleToForm } from './rule-form.ts';

const pricing: ConditionNode = {
  type: 'all',
  conditions: [
    { type: 'currentUrl', op: 'contains', value: '/pricing' },
    { type: 'timeOnPage', op: 'gte', seconds: 30 },
  ],
};

const everything: ConditionNode = {
  type: 'any',
  conditions: [
    {
      type: 'all',
      conditions: [
        { type: 'currentUrl', op: 'wildcard', value: 'https://shop.example/*/checkout?' },
        { type: 'timeOnSite', op: 'gt', seconds: 120 },
        { type: 'visitCount', op: 'lte', value: 1 },
        { type: 'not', condition: { type: 'country', op: 'in', values: ['FR', 'BE'] } },
      ],
    },
    {
      type: 'executionWindow',
      timeZone: 'Europe/Paris',
      from: '2025-01-01',
      to: '2025-12-31',
      days: [1, 2, 3, 4, 5],
      startTime: '09:00',
      endTime: '18:30',
    },
    { type: 'executionWindow', timeZone: 'UTC' },
    { type: 'executionWindow', timeZone: 'UTC', days: [] },
    {
      type: 'not',
      condition: { type: 'any', conditions: [{ type: 'context', name: 'plan', op: 'exists' }] },
    },
    { type: 'context', name: 'plan', op: 'eq', value: 'Pro trial' },
    { type: 'context', name: 'cartValue', op: 'gte', value: 49.5 },
    { type: 'context', name: 'vip', op: 'eq', value: false },
    { type: 'context', name: 'tier', op: 'contains', value: '' },
    { type: 'country', op: 'notIn', values: ['US'] },
    { type: 'all', conditions: [] },
  ],
};

describe('condition tree ⇄ form state', () => {
  test.each([
    ['a flat all-group', pricing],
    ['nested groups, every condition type, negations', everything],
    ['a bare condition at the root', { type: 'timeOnPage', op: 'eq', seconds: 0 } satisfies ConditionNode],
    [
      'a negated bare condition',
      { type: 'not', condition: { type: 'visitCount', op: 'gt', value: 3 } } satisfies ConditionNode,
    ],
    [
      'a double negation',
      {
        type: 'not',
        condition: { type: 'not', condition: { type: 'country', op: 'in', values: ['DE'] } },
      } satisfies ConditionNode,
    ],
    ['a negated group at the root', { type: 'not', condition: pricing } satisfies ConditionNode],
    ['an empty any-group', { type: 'any', conditions: [] } satisfies ConditionNode],
    [
      'a one-condition group',
      { type: 'all', conditions: [{ type: 'country', op: 'in', values: ['FR'] }] } satisfies ConditionNode,
    ],
  ])('%s round-trips exactly', (_name, conditions) => {
    expect(toConditions(fromConditions(conditions))).toEqual(conditions);
  });

  test('the root is always a group', () => {
    const form = fromConditions({ type: 'timeOnPage', op: 'eq', seconds: 5 });
    expect(form.kind).toBe('group');
    expect(form.children).toHaveLength(1);
  });

  test('a row added to a collapsed root makes a real group', () => {
    const form = fromConditions({ type: 'timeOnPage', op: 'eq', seconds: 5 });
    const grown = { ...form, children: [...form.children, newRow('country')] };
    const out = toConditions(grown);
    expect(out.type).toBe('all');
  });

  test('country codes are split, trimmed and upper-cased', () => {
    const group = newGroup('all', [
      {
        kind: 'row',
        key: 'k',
        negated: false,
        leaf: { type: 'country', fields: { op: 'in', values: 'fr, be ;de' } },
      },
    ]);
    expect(toConditions(group)).toEqual({
      type: 'all',
      conditions: [{ type: 'country', op: 'in', values: ['FR', 'BE', 'DE'] }],
    });
  });

  test('an empty number field fails validation instead of becoming 0', () => {
    const form = newRuleForm();
    form.name = 'Numbers';
    form.conditions = newGroup('all', [
      {
        kind: 'row',
        key: 'k',
        negated: false,
        leaf: { type: 'timeOnPage', fields: { op: 'gte', seconds: '' } },
      },
    ]);
    expect(ruleInputSchema.safeParse(formToRuleInput(form)).success).toBe(false);
  });

  test('every default row is valid once its text fields are filled', () => {
    const types = ['timeOnPage', 'timeOnSite', 'visitCount', 'executionWindow'] as const;
    const form = newRuleForm();
    form.name = 'Defaults';
    form.conditions = newGroup(
      'all',
      types.map((type) => ({ kind: 'row' as const, key: type, negated: false, leaf: initialDraft(type) })),
    );
    const result = ruleInputSchema.safeParse(formToRuleInput(form));
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });
});

describe('rule ⇄ form state', () => {
  const rules: RuleInput[] = [
    {
      name: '30 s on a pricing page',
      enabled: true,
      priority: 200,
      conditions: pricing,
      message: {
        text: 'Need help choosing a plan, {name}?',
        translations: { fr: 'Besoin d’aide ?', de: 'Hilfe?' },
      },
      showPrechat: true,
    },
    {
      name: 'Everything',
      enabled: false,
      priority: 0,
      conditions: everything,
      message: { text: 'Hello' },
      showPrechat: false,
    },
    { name: 'Empty translations', conditions: pricing, message: { text: 'Hi', translations: {} } },
  ];

  test('caps round-trip, and a rule without caps keeps none unless they are changed', () => {
    const capped = ruleInputSchema.parse({
      name: 'Capped',
      conditions: pricing,
      message: { text: 'Hi' },
      caps: { perPage: true, perDay: 3 },
    });
    expect(formToRuleInput(ruleToForm(capped)).caps).toEqual({ perPage: true, perDay: 3 });
    const plain = ruleInputSchema.parse({ name: 'Plain', conditions: pricing, message: { text: 'Hi' } });
    const form = ruleToForm(plain);
    expect(form.caps).toMatchObject({ perVisit: true, perPage: false });
    expect(formToRuleInput(form)).not.toHaveProperty('caps');
    form.caps.perVisit = false;
    form.caps.perPage = true;
    expect(formToRuleInput(form).caps).toEqual({ perPage: true });
  });

  test.each(rules)('$name round-trips exactly', (input) => {
    const parsed = ruleInputSchema.parse(input);
    const out = formToRuleInput(ruleToForm(parsed));
    expect(out).toEqual(parsed);
    expect(JSON.parse(JSON.stringify(out))).toEqual(JSON.parse(JSON.stringify(parsed)));
  });

  test('a new rule form is valid once named', () => {
    const form = newRuleForm();
    form.name = 'New';
    const first = form.conditions.children[0];
    if (first?.kind === 'row' && first.leaf.type === 'currentUrl') first.leaf.fields.value = '/pricing';
    expect(ruleInputSchema.safeParse(formToRuleInput(form)).success).toBe(true);
  });
});

describe('summarizeConditions', () => {
  test('reads like a sentence', () => {
    expect(summarizeConditions(pricing, 'en')).toBe("page path contains '/pricing' AND time on page ≥ 30 s");
    expect(
      summarizeConditions({ type: 'not', condition: { type: 'country', op: 'in', values: ['FR'] } }, 'en'),
    ).toBe('NOT country in [FR]');
    expect(summarizeConditions({ type: 'all', conditions: [] }, 'en')).toBe('always');
  });

  test('reads in French', () => {
    expect(summarizeConditions(pricing, 'fr')).toBe(
      "chemin de la page contient '/pricing' ET temps sur la page ≥ 30 s",
    );
    expect(summarizeConditions({ type: 'any', conditions: [] }, 'fr')).toBe('jamais');
  });
});
