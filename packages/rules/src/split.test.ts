import type { ConditionNode } from '@beckon/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignSplit } from './split.ts';
import { makeRule } from './test-factories.ts';

const always: ConditionNode = { type: 'all', conditions: [] };
const visitorIdArb = fc.string({ minLength: 1, maxLength: 40 });

describe('A/B split assignment', () => {
  it('is deterministic per (rule, visitor)', () => {
    const rule = makeRule('r1', always, {
      split: {
        holdoutPercent: 30,
        variants: [
          { id: 'A', message: { text: 'a' }, weight: 1 },
          { id: 'B', message: { text: 'b' }, weight: 3 },
        ],
      },
    });
    fc.assert(
      fc.property(visitorIdArb, (visitorId) => {
        expect(assignSplit(rule, visitorId)).toEqual(assignSplit({ ...rule }, visitorId));
      }),
    );
  });

  it('0 % holdout never holds out, 100 % always does, and variants never move visitors in or out of it', () => {
    const variants = [{ id: 'A', message: { text: 'a' }, weight: 1 }];
    fc.assert(
      fc.property(visitorIdArb, fc.integer({ min: 0, max: 100 }), (visitorId, percent) => {
        const none = makeRule('r', always, { split: { holdoutPercent: 0, variants } });
        const all = makeRule('r', always, { split: { holdoutPercent: 100, variants } });
        expect(assignSplit(none, visitorId).kind).toBe('variant');
        expect(assignSplit(all, visitorId).kind).toBe('holdout');
        const one = makeRule('r', always, { split: { holdoutPercent: percent, variants } });
        const two = makeRule('r', always, {
          split: {
            holdoutPercent: percent,
            variants: [...variants, { id: 'B', message: { text: 'b' }, weight: 9 }],
          },
        });
        expect(assignSplit(one, visitorId).kind).toBe(assignSplit(two, visitorId).kind);
      }),
    );
  });

  it('spreads visitors by the holdout share and the weights', () => {
    const rule = makeRule('rul_spring', always, {
      split: {
        holdoutPercent: 20,
        variants: [
          { id: 'A', message: { text: 'a' }, weight: 1 },
          { id: 'B', message: { text: 'b' }, weight: 3 },
        ],
      },
    });
    const counts = { holdout: 0, A: 0, B: 0 } as Record<string, number>;
    for (let index = 0; index < 20_000; index++) {
      const side = assignSplit(rule, `vis_${index}`);
      const key = side.kind === 'holdout' ? 'holdout' : side.variantId;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    expect(counts.holdout! / 20_000).toBeCloseTo(0.2, 1);
    expect(counts.B! / (counts.A! + counts.B!)).toBeCloseTo(0.75, 1);
  });

  it("without variants the rule's own message is the 'default' variant", () => {
    const rule = makeRule('r', always);
    expect(assignSplit(rule, 'v')).toEqual({ kind: 'variant', variantId: 'default', message: rule.message });
  });
});
