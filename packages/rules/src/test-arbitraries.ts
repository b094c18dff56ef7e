import type { ConditionNode, LeafCondition, NumericOp } from '@beckon/protocol';
import fc from 'fast-check';
import { T0 } from './test-factories.ts';
import type { VisitorFacts } from './types.ts';

const numericOp = fc.constantFrom<NumericOp>('gte', 'gt', 'lte', 'lt', 'eq');
const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

/** Elapsed-time leaves with thresholds small enough to step through at millisecond resolution. */
export const timeLeaf: fc.Arbitrary<LeafCondition> = fc.oneof(
  fc.record({
    type: fc.constant('timeOnPage' as const),
    op: numericOp,
    seconds: fc.integer({ min: 0, max: 10 }),
  }),
  fc.record({
    type: fc.constant('timeOnSite' as const),
    op: numericOp,
    seconds: fc.integer({ min: 0, max: 10 }),
  }),
);

export const anyLeaf: fc.Arbitrary<LeafCondition> = fc.oneof(
  timeLeaf,
  fc.record({
    type: fc.constant('currentUrl' as const),
    op: fc.constantFrom('equals', 'startsWith', 'contains', 'wildcard'),
    value: fc.constantFrom('/pricing', '/cart', '/p*', '/p?icing', 'https://shop.example/*', 'pricing'),
  }),
  fc.record({
    type: fc.constant('visitCount' as const),
    op: numericOp,
    value: fc.integer({ min: 0, max: 4 }),
  }),
  fc.record(
    {
      type: fc.constant('executionWindow' as const),
      timeZone: fc.constantFrom('Europe/Paris', 'America/New_York', 'Asia/Tokyo'),
      days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 7 }),
      startTime: hhmm,
      endTime: hhmm,
    },
    { requiredKeys: ['type', 'timeZone'] },
  ),
  fc.record({
    type: fc.constant('country' as const),
    op: fc.constantFrom('in', 'notIn'),
    values: fc.uniqueArray(fc.constantFrom('FR', 'US', 'DE'), { minLength: 1 }),
  }),
  fc.record({
    type: fc.constant('context' as const),
    name: fc.constantFrom('plan', 'cartTotal', 'vip', 'missing'),
    op: fc.constantFrom('eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'contains', 'exists'),
    value: fc.constantFrom('Gold', 'gol', 100, 120, '120', true),
  }),
  fc.record({
    type: fc.constant('predictedAcceptance' as const),
    op: numericOp,
    percent: fc.constantFrom(0, 5, 20, 50),
  }),
);

export function treeOf(leaf: fc.Arbitrary<LeafCondition>): fc.Arbitrary<ConditionNode> {
  const { node } = fc.letrec<{ node: ConditionNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ type: fc.constant('all' as const), conditions: fc.array(tie('node'), { maxLength: 3 }) }),
      fc.record({ type: fc.constant('any' as const), conditions: fc.array(tie('node'), { maxLength: 3 }) }),
      fc.record({ type: fc.constant('not' as const), condition: tie('node') }),
    ),
  }));
  return node;
}

export const factsArb: fc.Arbitrary<VisitorFacts> = fc
  .record({
    url: fc.constantFrom(
      'https://shop.example/pricing',
      'https://shop.example/cart?x=1',
      'https://other.example/',
    ),
    onPageMs: fc.integer({ min: 0, max: 12_000 }),
    beforePageMs: fc.integer({ min: 0, max: 12_000 }),
    visitNumber: fc.integer({ min: 1, max: 4 }),
    country: fc.constantFrom('FR', 'US', undefined),
    context: fc.dictionary(
      fc.constantFrom('plan', 'cartTotal', 'vip'),
      fc.constantFrom<string | number | boolean>('Gold', 120, '120', true, false),
    ),
    probability: fc.constantFrom(undefined, 0.01, 0.2, 0.5, 0.9),
  })
  .map(({ url, onPageMs, beforePageMs, visitNumber, country, context, probability }) => ({
    ...(probability === undefined ? {} : { prediction: { probability } }),
    page: { url, title: 'Page', startedAt: T0 - onPageMs },
    visit: { startedAt: T0 - onPageMs - beforePageMs, pagesViewed: 2, visitNumber },
    language: 'en-GB',
    location: country === undefined ? {} : { country },
    context,
    authenticated: false,
  }));
