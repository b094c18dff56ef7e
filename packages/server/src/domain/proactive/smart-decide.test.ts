import type { ConditionNode, Rule } from '@beckon/protocol';
import { plainRule, type VisitorFacts } from '@beckon/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DecisionInput, decide } from './decide.ts';
import { facts, invited, rule, T0, widget } from './decide-fixtures.ts';
import { explanationOf } from './explain.ts';

const leaf: fc.Arbitrary<ConditionNode> = fc.oneof(
  fc.record({
    type: fc.constant('predictedAcceptance' as const),
    op: fc.constantFrom('gte' as const, 'lt' as const),
    percent: fc.constantFrom(0, 10, 30, 60),
  }),
  fc.record({
    type: fc.constant('timeOnPage' as const),
    op: fc.constantFrom('gte' as const, 'lt' as const),
    seconds: fc.integer({ min: 0, max: 60 }),
  }),
);

const tree: fc.Arbitrary<ConditionNode> = fc.letrec<{ node: ConditionNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.record({ type: fc.constant('all' as const), conditions: fc.array(tie('node'), { maxLength: 3 }) }),
    fc.record({ type: fc.constant('any' as const), conditions: fc.array(tie('node'), { maxLength: 3 }) }),
    fc.record({ type: fc.constant('not' as const), condition: tie('node') }),
  ),
})).node;

const ruleArb = (id: string): fc.Arbitrary<Rule> =>
  fc
    .record({
      conditions: tree,
      priority: fc.integer({ min: 0, max: 3 }),
      bestMoment: fc.option(fc.record({ maxDelaySeconds: fc.constantFrom(5, 60, 300) }), { nil: undefined }),
      off: fc.boolean(),
    })
    .map(({ conditions, priority, bestMoment, off }) =>
      rule(id, { conditions, priority, caps: {}, smart: { ...(bestMoment ? { bestMoment } : {}), off } }),
    );

/** A prediction that rises with time, so best moment has something to wait for. */
const rising = (start: number) => (at: number) => Math.min(0.9, start + (at - T0) / 200_000);

const inputArb = fc
  .record({
    rules: fc.tuple(ruleArb('a'), ruleArb('b'), ruleArb('c')),
    onPageMs: fc.integer({ min: 0, max: 90_000 }),
    probability: fc.double({ min: 0, max: 1, noNaN: true }),
    dismissedAgo: fc.option(fc.integer({ min: 0, max: 120 * 60_000 }), { nil: undefined }),
  })
  .map(({ rules, onPageMs, probability, dismissedAgo }) => {
    const seen: VisitorFacts = { ...facts(T0 - onPageMs, T0 - onPageMs), prediction: { probability } };
    const history =
      dismissedAgo === undefined
        ? []
        : [invited('a', T0 - dismissedAgo, { status: 'dismissed', closedAt: T0 - dismissedAgo })];
    const input: DecisionInput = {
      widget: widget(),
      rules,
      facts: seen,
      now: T0,
      busy: false,
      history,
      visitorId: 'v1',
      moment: { predictAt: rising(probability), matchedSince: new Map([['a', T0 - 10_000]]) },
    };
    return input;
  });

/** The same decision for the rules as written: no prediction in the facts, nothing for best moment. */
function plainDecision(input: DecisionInput, which: (rule: Rule) => boolean) {
  const { prediction: _none, ...unpredicted } = input.facts;
  const anyPlain = input.rules.some(which);
  return decide({
    ...input,
    rules: input.rules.map((r) => (which(r) ? plainRule(r) : r)),
    ...(anyPlain && input.rules.every(which) ? { facts: unpredicted, moment: undefined } : {}),
  });
}

describe('the kill switches', () => {
  it('widget switch off: every decision equals the plain rules’ exactly', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const off = decide({ ...input, smartOff: true });
        expect(off).toEqual(plainDecision(input, () => true));
        expect(off.waiting).toBeUndefined();
        // What the funnel counts: nothing a switched-off widget shows is smart.
        expect(off.smart).toBeUndefined();
      }),
    );
  });

  it('a rule’s switch off: that rule decides as written, the others keep their smart options', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(decide(input)).toEqual(plainDecision(input, (r) => r.smart?.off === true));
      }),
    );
  });
});

describe('predicted acceptance and best moment in decide()', () => {
  const smartRule = rule('a', {
    conditions: { type: 'predictedAcceptance', op: 'gte', percent: 20 },
    smart: { bestMoment: { maxDelaySeconds: 60 } },
  });
  const base = { widget: widget(), rules: [smartRule], now: T0, busy: false, history: [], visitorId: 'v1' };

  it('waits while the prediction rises, then invites at the end of the delay', () => {
    const seen = { ...facts(T0, T0), prediction: { probability: 0.25 } };
    const moment = { predictAt: rising(0.25), matchedSince: new Map<string, number>() };
    const waiting = decide({ ...base, facts: seen, moment });
    expect(waiting.waiting).toMatchObject({ ruleId: 'a', since: T0, until: T0 + 5_000 });
    expect(waiting.nextCheckAt).toBe(T0 + 5_000);
    const explained = explanationOf(waiting, base.rules, seen, T0);
    expect(explained.fire).toBeUndefined();
    expect(explained.rules[0]?.reason).toMatch(/^Matches; waits for its best moment: 25\.0 % now/);
    const later = { predictAt: rising(0.25), matchedSince: new Map([['a', T0 - 60_000]]) };
    const due = decide({ ...base, facts: seen, moment: later });
    expect(due.waiting).toBeUndefined();
    expect(due.evaluation.fire?.ruleId).toBe('a');
  });

  it('looks again when the prediction can next change, for a rule it holds back', () => {
    const seen = { ...facts(T0, T0), prediction: { probability: 0.1 } };
    const moment = {
      predictAt: () => 0.1,
      matchedSince: new Map<string, number>(),
      nextChangeAt: T0 + 3_000,
    };
    const held = decide({ ...base, facts: seen, moment });
    expect(held.evaluation.fire).toBeUndefined();
    expect(held.nextCheckAt).toBe(T0 + 3_000);
  });

  it('without a prediction (not ready) the rule fires at its first match, as written', () => {
    const decision = decide({ ...base, facts: facts(T0, T0) });
    expect(decision.evaluation.fire?.ruleId).toBe('a');
    expect(decision.waiting).toBeUndefined();
    // Cold start: the invitation is static.
    expect(decision.smart).toBeUndefined();
  });

  it('is smart when the winner used the ready model, static for a plain winner or its own switch off', () => {
    const seen = { ...facts(T0 - 60_000, T0 - 60_000), prediction: { probability: 0.9 } };
    const moment = { predictAt: () => 0.9, matchedSince: new Map<string, number>() };
    expect(decide({ ...base, facts: seen, moment }).smart).toBe(true);
    const plain = rule('p', { conditions: { type: 'timeOnPage', op: 'gte', seconds: 5 } });
    const byPlain = decide({ ...base, rules: [plain], facts: seen, moment });
    expect(byPlain.evaluation.fire?.ruleId).toBe('p');
    expect(byPlain.smart).toBeUndefined();
    const switchedOff = rule('a', { ...smartRule, smart: { off: true } });
    const byOff = decide({ ...base, rules: [switchedOff], facts: seen, moment });
    expect(byOff.evaluation.fire?.ruleId).toBe('a');
    expect(byOff.smart).toBeUndefined();
  });

  it('keeps every gate: a back-off vetoes a smart rule like any other', () => {
    const seen = { ...facts(T0, T0), prediction: { probability: 0.9 } };
    const history = [invited('x', T0 - 60_000, { status: 'dismissed', closedAt: T0 - 60_000 })];
    const decision = decide({ ...base, facts: seen, history });
    expect(decision.global?.gate).toBe('backoff');
    expect(decision.evaluation.fire).toBeUndefined();
  });
});
