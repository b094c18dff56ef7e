import type { ConditionNode, Rule } from '@beckon/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLeaf } from './conditions/compile-leaf.ts';
import { evaluate } from './evaluate.ts';
import { IncrementalEvaluator } from './incremental.ts';
import { anyLeaf, factsArb, treeOf } from './test-arbitraries.ts';
import { makeFacts, makeRule, T0 } from './test-factories.ts';
import type { VisitorFacts } from './types.ts';

/** The tree walked naively, every leaf compiled and checked afresh: no sharing of any kind. */
function matches(node: ConditionNode, facts: VisitorFacts, now: number): boolean {
  switch (node.type) {
    case 'all':
      return node.conditions.every((child) => matches(child, facts, now));
    case 'any':
      return node.conditions.some((child) => matches(child, facts, now));
    case 'not':
      return !matches(node.condition, facts, now);
    default:
      return compileLeaf(node)(facts, now).ok;
  }
}

// Leaves drawn from small pools, so rules of one set (and of successive sets) share many identical leaves.
const rulesArb = fc
  .array(fc.tuple(treeOf(anyLeaf), fc.boolean()), { maxLength: 6 })
  .map((specs) => specs.map(([conditions, enabled], i) => makeRule(`r${i}`, conditions, { enabled })));

describe('compiled trees: one check per distinct leaf and evaluation', () => {
  it('agrees with a naive walk over successive evaluations with other facts and other instants', () => {
    fc.assert(
      fc.property(
        rulesArb,
        fc.array(fc.tuple(factsArb, fc.integer({ min: 0, max: 86_400_000 })), { minLength: 1, maxLength: 6 }),
        (rules, moments) => {
          const expected = moments.map(([facts, offset]) =>
            rules.map((rule) =>
              !rule.enabled
                ? 'disabled'
                : matches(rule.conditions, facts, T0 + offset)
                  ? 'matched'
                  : 'not-matched',
            ),
          );
          // Each engine alone over the whole sequence, so that neither refreshes what the other shares.
          const incremental = new IncrementalEvaluator();
          for (const [label, run] of [
            ['full', (facts: VisitorFacts, now: number) => evaluate(rules, facts, now)],
            ['incremental', (facts: VisitorFacts, now: number) => incremental.evaluate(rules, facts, now)],
          ] as const) {
            moments.forEach(([facts, offset], step) => {
              const got = run(facts, T0 + offset).trace.map(({ outcome }) =>
                outcome === 'fired' || outcome === 'outranked' ? 'matched' : outcome,
              );
              expect([label, step, got]).toEqual([label, step, expected[step]]);
            });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('checks a leaf shared by two rules again for the next facts', () => {
    const onPricing: ConditionNode = { type: 'currentUrl', op: 'startsWith', value: '/pricing' };
    const rules: Rule[] = [
      makeRule('a', onPricing),
      makeRule('b', {
        type: 'all',
        conditions: [{ ...onPricing }, { type: 'visitCount', op: 'gte', value: 1 }],
      }),
    ];
    const cart = makeFacts({ page: { url: 'https://shop.example/cart', title: 'Cart', startedAt: T0 } });
    expect(evaluate(rules, makeFacts(), T0).trace.map((entry) => entry.outcome)).toEqual([
      'fired',
      'outranked',
    ]);
    expect(evaluate(rules, cart, T0).trace.map((entry) => entry.outcome)).toEqual([
      'not-matched',
      'not-matched',
    ]);
    expect(evaluate(rules, cart, T0).trace[1]?.failed?.path).toBe('conditions.all[0]');
    expect(evaluate(rules, makeFacts(), T0).fire?.ruleId).toBe('a');
  });
});
