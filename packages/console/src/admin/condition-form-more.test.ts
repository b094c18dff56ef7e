import { type ConditionNode, ruleInputSchema } from '@beckon/protocol';
import { describe, expect, test } from 'vitest';
import {
  defaultLeaf,
  fromConditions,
  type LeafType,
  leafTypeLabels,
  newRow,
  toConditions,
} from './condition-form.ts';
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

describe('condition editor: the conditions of the complete engine', () => {
  test('every condition converts to the form and back unchanged', () => {
    expect(toConditions(fromConditions(every))).toEqual(every);
  });

  test('the default draft of every type is offered and converts to a leaf of that type', () => {
    for (const type of Object.keys(leafTypeLabels) as LeafType[]) {
      const leaf = toConditions({
        ...fromConditions({ type: 'all', conditions: [] }),
        children: [{ ...newRow(), leaf: defaultLeaf(type) }],
      });
      expect((leaf as { conditions: { type: string }[] }).conditions[0]?.type).toBe(type);
    }
  });

  test('invalid event props JSON is reported by the rule schema, not thrown', () => {
    const form = fromConditions({ type: 'event', name: 'x', op: 'gte', count: 1 });
    const row = form.children[0]!;
    if (row.kind !== 'row' || row.leaf.type !== 'event') throw new Error('expected an event row');
    row.leaf.props = '{not json';
    const parsed = ruleInputSchema.safeParse({
      name: 'r',
      conditions: toConditions(form),
      message: { text: 'Hi' },
    });
    expect(parsed.success).toBe(false);
  });

  test('every condition has a one-line summary', () => {
    const summary = summarizeConditions(every);
    expect(summary).toContain('title contains "Checkout"');
    expect(summary).toContain('event added_to_cart {"currency":"EUR","qty":1,"gift":true} ≥ 2×');
    expect(summary).toContain('device not in desktop, tablet');
    expect(summary).toContain('NOT since last chat < 1 h');
    expect(summary).not.toContain('undefined');
  });
});
