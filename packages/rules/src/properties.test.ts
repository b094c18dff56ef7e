import type { Rule } from '@beckon/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.ts';
import { anyLeaf, factsArb, timeLeaf, treeOf } from './test-arbitraries.ts';
import { makeRule, T0 } from './test-factories.ts';

const ruleSetArb = (leaf = anyLeaf) =>
  fc
    .uniqueArray(
      fc.record({
        id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
        priority: fc.constantFrom(1, 2, 3),
        enabled: fc.integer({ min: 0, max: 4 }).map((draw) => draw > 0),
        conditions: treeOf(leaf),
      }),
      { selector: (rule) => rule.id, maxLength: 6 },
    )
    .map((specs) => specs.map(({ id, conditions, ...rest }) => makeRule(id, conditions, rest)));

// Early in the page view and the visit, so that most elapsed-time leaves are still waiting to flip.
const freshFactsArb = fc
  .tuple(factsArb, fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 4_000 }))
  .map(([facts, onPageMs, beforePageMs]) => ({
    ...facts,
    page: { ...facts.page, startedAt: T0 - onPageMs },
    visit: { ...facts.visit, startedAt: T0 - onPageMs - beforePageMs },
  }));

const nowArb = fc.integer({ min: 0, max: 3 * 86_400_000 }).map((offset) => T0 + offset);

describe('evaluate: properties', () => {
  it('picks the same winner whatever the order of the rules', () => {
    fc.assert(
      fc.property(
        ruleSetArb().chain((rules) =>
          fc.tuple(fc.constant(rules), fc.shuffledSubarray(rules, { minLength: rules.length })),
        ),
        factsArb,
        nowArb,
        ([rules, shuffled], facts, now) => {
          const first = evaluate(rules, facts, now);
          const second = evaluate(shuffled, facts, now);
          expect(second.fire).toEqual(first.fire);
          expect(second.nextCheckAt).toEqual(first.nextCheckAt);
          const byId = (trace: typeof first.trace) =>
            Object.fromEntries(trace.map((entry) => [entry.ruleId, entry]));
          expect(byId(second.trace)).toEqual(byId(first.trace));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never schedules the next check after a rule starts matching (stepping by the millisecond)', () => {
    const horizon = 12_000; // past every threshold: elapsed-time leaves are settled by then
    fc.assert(
      fc.property(ruleSetArb(timeLeaf), freshFactsArb, (rules, facts) => {
        const start = evaluate(rules, facts, T0);
        if (start.fire) return;
        const nextCheckAt = start.nextCheckAt ?? Number.POSITIVE_INFINITY;
        const firstMatch = new Map<string, number>();
        for (let t = T0 + 1; t <= T0 + horizon; t++) {
          const later = evaluate(rules, facts, t);
          if (t < nextCheckAt) expect(later.fire).toBeUndefined();
          for (const entry of later.trace) {
            if (
              entry.outcome !== 'not-matched' &&
              entry.outcome !== 'disabled' &&
              !firstMatch.has(entry.ruleId)
            ) {
              firstMatch.set(entry.ruleId, t);
            }
          }
        }
        for (const entry of start.trace) {
          const matchedAt = firstMatch.get(entry.ruleId);
          if (matchedAt !== undefined) expect(entry.becomesTrueAt).toBeLessThanOrEqual(matchedAt);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('matches the negation of a tree exactly when the tree does not match', () => {
    fc.assert(
      fc.property(treeOf(anyLeaf), factsArb, nowArb, (conditions, facts, now) => {
        const plain: Rule = makeRule('plain', conditions);
        const negated: Rule = makeRule('negated', { type: 'not', condition: conditions });
        const plainFires = evaluate([plain], facts, now).fire !== undefined;
        const negatedFires = evaluate([negated], facts, now).fire !== undefined;
        expect(negatedFires).toBe(!plainFires);
      }),
      { numRuns: 500 },
    );
  });

  it('explains every rule that did not match with a leaf on its path', () => {
    fc.assert(
      fc.property(ruleSetArb(), factsArb, nowArb, (rules, facts, now) => {
        for (const entry of evaluate(rules, facts, now).trace) {
          if (entry.outcome !== 'not-matched' || !entry.failed) continue;
          expect(entry.failed.path.startsWith('conditions')).toBe(true);
          expect(entry.failed.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});
