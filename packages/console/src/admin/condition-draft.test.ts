import { type ConditionNode, ruleInputSchema } from '@beckon/protocol';
import { conditionTypes } from '@beckon/protocol/conditions';
import { describe, expect, test } from 'vitest';
import { draftToLeaf, initialDraft, leafToDraft } from './condition-draft.ts';
import { fromConditions, newRow, toConditions } from './condition-form.ts';
import { summarizeConditions } from './condition-summary.ts';

const every: ConditionNode = {
  type: 'all',
  conditions: [
    { type: 'pageTitle', op: 'contains', value: 'Checkout' },
    { type: 'urlVisited', op: 'startsWith', value: '/product/' },
    { type: 'urlFunnel', steps: ['/product/*', '/cart', 'https://shop.example/checkout?a=1,2'] },
    { type: 'referrer', part: 'host', op: 'wildcard', value: '*.google.*' },
    { type: 'utm', param: 'campaign', op: 'equals', value: 'spring' },
    { type: 'pagesViewed', op: 'gte', value: 3 },
    { type: 'timeSinceLastVisit', op: 'gt', seconds: 86_400 },
    { type: 'not', condition: { type: 'timeSinceLastChat', op: 'lt', seconds: 3600 } },
    { type: 'authenticated', value: false },
    { type: 'customer', field: 'company', op: 'eq', value: 'ACME' },
    { type: 'customer', field: 'email', op: 'exists' },
    {
      type: 'event',
      name: 'added_to_cart',
      op: 'gte',
      count: 2,
      props: { currency: 'EUR', qty: 1, gift: true },
    },
    { type: 'event', name: 'viewed_video', op: 'eq', count: 0 },
    { type: 'language', op: 'in', values: ['fr', 'en-GB'] },
    { type: 'device', op: 'notIn', values: ['desktop', 'tablet'] },
    { type: 'browser', op: 'in', values: ['Firefox'] },
    { type: 'region', op: 'in', values: ['Quebec'] },
    { type: 'city', op: 'notIn', values: ['Paris', 'Lyon'] },
    { type: 'exitIntent' },
    { type: 'scrollDepth', op: 'gte', percent: 75 },
    { type: 'idleTime', op: 'gte', seconds: 30 },
    { type: 'agentAvailable' },
    { type: 'predictedWait', op: 'lt', seconds: 120 },
  ],
};

describe('condition drafts, generated from the descriptors', () => {
  test('every condition converts to the form and back unchanged', () => {
    expect(toConditions(fromConditions(every))).toEqual(every);
  });

  test.each(conditionTypes)('%s: a new draft converts to a condition of that type and back', (type) => {
    const leaf = draftToLeaf(initialDraft(type));
    expect(leaf.type).toBe(type);
    expect(draftToLeaf(leafToDraft(leaf))).toEqual(leaf);
  });

  test('a new row starts with the browser’s time zone for an execution window', () => {
    const leaf = draftToLeaf(newRow('executionWindow').leaf);
    expect(leaf).toMatchObject({ type: 'executionWindow', days: [1, 2, 3, 4, 5], startTime: '09:00' });
    expect(ruleInputSchema.safeParse({ name: 'r', conditions: leaf, message: { text: 'Hi' } }).success).toBe(
      true,
    );
  });

  test('a hidden field is left out: no value for "exists"', () => {
    const draft = leafToDraft({ type: 'customer', field: 'email', op: 'eq', value: 'a@b.c' });
    draft.fields.op = 'exists';
    expect(draftToLeaf(draft)).toEqual({ type: 'customer', field: 'email', op: 'exists' });
  });

  test('invalid event props JSON is reported by the rule schema, not thrown', () => {
    const form = fromConditions({ type: 'event', name: 'x', op: 'gte', count: 1 });
    const row = form.children[0]!;
    if (row.kind !== 'row' || row.leaf.type !== 'event') throw new Error('expected an event row');
    row.leaf.fields.props = '{not json';
    const parsed = ruleInputSchema.safeParse({
      name: 'r',
      conditions: toConditions(form),
      message: { text: 'Hi' },
    });
    expect(parsed.success).toBe(false);
  });

  test('every condition has a one-line summary', () => {
    const summary = summarizeConditions(every, 'en');
    expect(summary).toContain("page title contains 'Checkout'");
    expect(summary).toContain(
      `event 'added_to_cart' with {"currency":"EUR","qty":1,"gift":true} ≥ 2 times this visit`,
    );
    expect(summary).toContain('device not in [desktop, tablet]');
    expect(summary).toContain('NOT time since last chat < 3600 s');
    expect(summary).not.toContain('undefined');
    expect(summarizeConditions(every, 'fr')).not.toContain('undefined');
  });
});

describe('rule issues in words', () => {
  test('a problem inside the tree names its condition and field from the descriptors', async () => {
    const { ruleIssueLabel } = await import('./rule-issue-labels.ts');
    const tree: ConditionNode = {
      type: 'all',
      conditions: [{ type: 'not', condition: { type: 'context', name: '', op: 'eq', value: 'x' } }],
    };
    expect(ruleIssueLabel('conditions.conditions.0.condition.name', tree, 'en')).toBe(
      'Context variable › Variable',
    );
    expect(ruleIssueLabel('conditions.conditions.0.condition.name', tree, 'fr')).toBe(
      'Variable de contexte › Variable',
    );
    expect(ruleIssueLabel('message.text', tree, 'fr')).toBe('Message');
    expect(ruleIssueLabel('name', tree, 'en')).toBe('Name');
  });
});
