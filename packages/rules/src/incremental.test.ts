// Over 300 lines: the incremental evaluator's examples and the property that ties it to a full evaluation.
import type { ConditionNode, LeafCondition, Rule } from '@beckon/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.ts';
import { IncrementalEvaluator } from './incremental.ts';
import { anyLeaf, factsArb, treeOf } from './test-arbitraries.ts';
import { makeFacts, makeRule, T0 } from './test-factories.ts';
import type { Evaluation, TrackedEvent, VisitorFacts } from './types.ts';

const numericOp = fc.constantFrom('gte', 'gt', 'lte', 'lt', 'eq' as const);

/** Every kind of fact an event can change: page, visit, events, signals, capacity, identity, context, time. */
const liveLeaf: fc.Arbitrary<LeafCondition> = fc.oneof(
  anyLeaf,
  fc.record({
    type: fc.constant('event' as const),
    name: fc.constantFrom('cart', 'video'),
    op: numericOp,
    count: fc.integer({ min: 0, max: 3 }),
  }),
  fc.constant({ type: 'exitIntent' as const }),
  fc.record({
    type: fc.constant('scrollDepth' as const),
    op: numericOp,
    percent: fc.constantFrom(0, 30, 60),
  }),
  fc.record({
    type: fc.constant('idleTime' as const),
    op: numericOp,
    seconds: fc.integer({ min: 0, max: 6 }),
  }),
  fc.constant({ type: 'agentAvailable' as const }),
  fc.record({ type: fc.constant('predictedWait' as const), op: numericOp, seconds: fc.constantFrom(0, 240) }),
  fc.record({ type: fc.constant('authenticated' as const), value: fc.boolean() }),
  fc.record({
    type: fc.constant('pagesViewed' as const),
    op: numericOp,
    value: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    type: fc.constant('urlVisited' as const),
    op: fc.constantFrom('contains' as const),
    value: fc.constantFrom('/cart', '/pricing'),
  }),
);

const rulesArb = fc
  .uniqueArray(
    fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
      priority: fc.constantFrom(1, 2, 3),
      enabled: fc.integer({ min: 0, max: 4 }).map((draw) => draw > 0),
      conditions: treeOf(liveLeaf),
    }),
    { selector: (rule) => rule.id, maxLength: 6 },
  )
  .map((specs) => specs.map(({ id, conditions, ...rest }) => makeRule(id, conditions, rest)));

type Step =
  | { kind: 'time'; ms: number }
  | { kind: 'page'; url: string }
  | { kind: 'context'; plan: string }
  | { kind: 'track'; name: string }
  | { kind: 'signal'; exit: boolean; scroll: number }
  | { kind: 'capacity'; available: boolean; wait: number }
  | { kind: 'identity'; authenticated: boolean }
  | { kind: 'edit'; index: number; enabled: boolean }
  | { kind: 'veto'; index: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('time' as const), ms: fc.integer({ min: 0, max: 4_000 }) }),
  // The clock going backwards (a server's clock stepped back), rarely and by up to a day.
  fc.record({ kind: fc.constant('time' as const), ms: fc.integer({ min: -86_400_000, max: -1 }) }),
  // Far ahead: past the boundaries of execution windows, and now and then past the evaluator's rebase (12 days).
  fc.record({ kind: fc.constant('time' as const), ms: fc.integer({ min: 3_600_000, max: 15 * 86_400_000 }) }),
  fc.record({
    kind: fc.constant('page' as const),
    url: fc.constantFrom(
      'https://shop.example/pricing',
      'https://shop.example/cart?x=1',
      'https://other.example/',
    ),
  }),
  fc.record({ kind: fc.constant('context' as const), plan: fc.constantFrom('Gold', 'Silver') }),
  fc.record({ kind: fc.constant('track' as const), name: fc.constantFrom('cart', 'video') }),
  fc.record({
    kind: fc.constant('signal' as const),
    exit: fc.boolean(),
    scroll: fc.constantFrom(10, 40, 70),
  }),
  fc.record({
    kind: fc.constant('capacity' as const),
    available: fc.boolean(),
    wait: fc.constantFrom(0, 240, 480),
  }),
  fc.record({ kind: fc.constant('identity' as const), authenticated: fc.boolean() }),
  fc.record({ kind: fc.constant('edit' as const), index: fc.nat(5), enabled: fc.boolean() }),
  // A gate (cap, back-off) leaving a rule out of the input, or letting it back: the positions shift.
  fc.record({ kind: fc.constant('veto' as const), index: fc.nat(5) }),
);

/** What must agree exactly: the winner and its message, and every rule's outcome. */
function essence(evaluation: Evaluation) {
  return {
    fire: evaluation.fire,
    rules: evaluation.trace.map((entry) => [entry.ruleId, entry.outcome]),
  };
}

const never = Number.POSITIVE_INFINITY;

/**
 * When to look again may be earlier than a full evaluation's, never later: a kept verdict keeps the bound it was
 * computed with, and a leaf that held it true can since have turned false for good (e.g. `idleTime ≤ 0` one
 * second later), which a full evaluation sees and the kept bound does not. Looking again early is harmless.
 */
function expectNoLaterChecks(incremental: Evaluation, full: Evaluation): void {
  expect(incremental.nextCheckAt ?? never).toBeLessThanOrEqual(full.nextCheckAt ?? never);
  full.trace.forEach((entry, i) => {
    expect(incremental.trace[i]?.becomesTrueAt ?? never).toBeLessThanOrEqual(entry.becomesTrueAt ?? never);
  });
}

describe('IncrementalEvaluator', () => {
  it('gives the same answer as a full evaluation for random rule sets and random event sequences', () => {
    fc.assert(
      fc.property(
        rulesArb,
        factsArb,
        fc.array(stepArb, { maxLength: 25 }),
        (initialRules, initial, steps) => {
          let rules: Rule[] = initialRules;
          const vetoed = new Set<number>();
          let now = T0;
          // A session as the server keeps it: arrays and the signal record mutated in place, facts rebuilt per event.
          const events: TrackedEvent[] = [];
          const visitUrls = [initial.page.url];
          const signals = { exitIntent: false, scrollDepth: 0, lastActiveAt: initial.page.startedAt };
          let page = initial.page;
          let pagesViewed = initial.visit.pagesViewed;
          let context = initial.context;
          let capacity: VisitorFacts['capacity'];
          let authenticated = false;
          const factsNow = (): VisitorFacts => ({
            ...initial,
            page,
            visit: { ...initial.visit, pagesViewed },
            context: { ...context },
            authenticated,
            events,
            visitUrls,
            signals,
            capacity: capacity && { ...capacity },
          });
          const incremental = new IncrementalEvaluator();
          for (const step of [{ kind: 'time', ms: 0 } as Step, ...steps]) {
            if (step.kind === 'time') now += step.ms;
            else if (step.kind === 'page') {
              page = { url: step.url, title: 'Page', startedAt: now };
              pagesViewed += 1;
              visitUrls.push(step.url);
              Object.assign(signals, { exitIntent: false, scrollDepth: 0, lastActiveAt: now });
            } else if (step.kind === 'context') context = { ...context, plan: step.plan };
            else if (step.kind === 'track') events.push({ name: step.name });
            else if (step.kind === 'signal') {
              signals.exitIntent ||= step.exit;
              signals.scrollDepth = Math.max(signals.scrollDepth, step.scroll);
              signals.lastActiveAt = now;
            } else if (step.kind === 'capacity') {
              capacity = { agentAvailable: step.available, predictedWaitSeconds: step.wait };
            } else if (step.kind === 'identity') authenticated = step.authenticated;
            else if (step.kind === 'edit' && rules[step.index]) {
              rules = rules.map((rule, i) => (i === step.index ? { ...rule, enabled: step.enabled } : rule));
            } else if (step.kind === 'veto') {
              if (vetoed.has(step.index)) vetoed.delete(step.index);
              else vetoed.add(step.index);
            }
            const allowed = rules.filter((_rule, i) => !vetoed.has(i));
            const facts = factsNow();
            const kept = incremental.evaluate(allowed, facts, now);
            const full = evaluate(allowed, facts, now);
            expect(essence(kept)).toStrictEqual(essence(full));
            expectNoLaterChecks(kept, full);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('re-evaluates only the rules that read a changed fact, and none when nothing changed', () => {
    const rules = [
      makeRule('url', { type: 'currentUrl', op: 'contains', value: '/nowhere' }),
      makeRule('ctx', { type: 'context', name: 'plan', op: 'eq', value: 'Platinum' }),
      makeRule('evt', { type: 'event', name: 'cart', op: 'gte', count: 5 }),
    ];
    const events: TrackedEvent[] = [];
    const base: VisitorFacts = {
      page: { url: 'https://shop.example/', title: 'Home', startedAt: T0 },
      visit: { startedAt: T0, pagesViewed: 1, visitNumber: 1 },
      language: 'en-GB',
      location: {},
      context: { plan: 'Gold' },
      authenticated: false,
      events,
    };
    const incremental = new IncrementalEvaluator();
    incremental.evaluate(rules, base, T0);
    expect(incremental.lastEvaluated).toBe(3);
    incremental.evaluate(rules, { ...base, context: { plan: 'Gold' } }, T0 + 1000);
    expect(incremental.lastEvaluated).toBe(0);
    incremental.evaluate(rules, { ...base, context: { plan: 'Silver' } }, T0 + 2000);
    expect(incremental.lastEvaluated).toBe(1);
    events.push({ name: 'cart' });
    incremental.evaluate(rules, { ...base, context: { plan: 'Silver' } }, T0 + 3000);
    expect(incremental.lastEvaluated).toBe(1);
    // The clock going backwards trusts nothing.
    incremental.evaluate(rules, { ...base, context: { plan: 'Silver' } }, T0);
    expect(incremental.lastEvaluated).toBe(3);
  });
});

describe('IncrementalEvaluator: kept verdicts', () => {
  const onPricing: ConditionNode = { type: 'currentUrl', op: 'startsWith', value: '/pricing' };
  const base = makeFacts({ page: { url: 'https://shop.example/pricing', title: 'Pricing', startedAt: T0 } });

  it('hands out one frozen entry per rule and verdict, shared by every visitor', () => {
    const rules = [
      makeRule('miss', { type: 'currentUrl', op: 'equals', value: '/cart' }),
      makeRule('hit', onPricing),
    ];
    const first = new IncrementalEvaluator().evaluate(rules, base, T0);
    const second = new IncrementalEvaluator().evaluate([...rules].reverse(), base, T0);
    expect(second.trace[1]).toBe(first.trace[0]);
    expect(Object.isFrozen(first.trace[0])).toBe(true);
    expect(() => {
      (first.trace[0] as { outcome: string }).outcome = 'fired';
    }).toThrow(TypeError);
    // The winner's entry is a copy: the shared one stays 'outranked' for the next visitor.
    expect(first.trace[1]).toEqual({ ruleId: 'hit', ruleName: 'rule hit', priority: 100, outcome: 'fired' });
    expect(
      new IncrementalEvaluator().evaluate(
        [rules[1] as Rule, makeRule('top', onPricing, { priority: 200 })],
        base,
        T0,
      ).trace[0],
    ).toEqual({ ruleId: 'hit', ruleName: 'rule hit', priority: 100, outcome: 'outranked' });
  });

  it('keeps the entry that carries becomesTrueAt while that instant stays the same, and makes a new one when it moves', () => {
    const rules = [
      makeRule('wait', {
        type: 'all',
        conditions: [onPricing, { type: 'timeOnPage', op: 'gte', seconds: 30 }],
      }),
    ];
    const incremental = new IncrementalEvaluator();
    const first = incremental.evaluate(rules, base, T0 + 1000).trace[0];
    expect(first?.becomesTrueAt).toBe(T0 + 30_000);
    // Another title: the page group changed, the rule runs again, and says the same.
    const retitled = { ...base, page: { ...base.page, title: 'Prices' } };
    const again = incremental.evaluate(rules, retitled, T0 + 2000);
    expect(incremental.lastEvaluated).toBe(1);
    expect(again.trace[0]).toBe(first);
    expect(again.nextCheckAt).toBe(T0 + 30_000);
    // A new page view on the same URL: the wait starts again.
    const moved = incremental.evaluate(
      rules,
      { ...base, page: { ...base.page, startedAt: T0 + 5000 } },
      T0 + 6000,
    );
    expect(moved.trace[0]).not.toBe(first);
    expect(moved.trace[0]?.becomesTrueAt).toBe(T0 + 35_000);
    expect(moved.nextCheckAt).toBe(T0 + 35_000);
  });

  it('runs a rule again when its tree is swapped in place, and follows rules added and removed', () => {
    const rule = makeRule('r', onPricing);
    const other = makeRule('o', { type: 'country', op: 'in', values: ['FR'] }, { priority: 50 });
    const incremental = new IncrementalEvaluator();
    expect(incremental.evaluate([rule], base, T0).fire?.ruleId).toBe('r');
    rule.conditions = { type: 'not', condition: onPricing };
    const swapped = incremental.evaluate([rule], base, T0 + 1000);
    expect(incremental.lastEvaluated).toBe(1);
    expect(swapped.fire).toBeUndefined();
    expect(swapped.trace[0]?.outcome).toBe('not-matched');
    expect(incremental.evaluate([other, rule], base, T0 + 2000).fire?.ruleId).toBe('o');
    expect(incremental.evaluate([rule], base, T0 + 3000).trace).toEqual([
      { ruleId: 'r', ruleName: 'rule r', priority: 100, outcome: 'not-matched' },
    ]);
  });

  it('runs rules that read only the clock again when the clock goes backwards', () => {
    // No fact group at all: only the time bound, or the clock going back, can make this one run again.
    const rules = [
      makeRule('night', { type: 'executionWindow', timeZone: 'Europe/Paris', endTime: '01:00' }),
    ];
    const incremental = new IncrementalEvaluator();
    const midnight = T0 + 13 * 3_600_000; // 00:00 in Paris
    expect(incremental.evaluate(rules, base, midnight).fire?.ruleId).toBe('night');
    const back = incremental.evaluate(rules, base, T0);
    expect(incremental.lastEvaluated).toBe(1);
    expect(back.fire).toBeUndefined();
    expect(back.nextCheckAt).toBe(midnight);
  });

  it('keeps far bounds and no bound across its 12-day rebase, running every rule once then', () => {
    const day = 86_400_000;
    const rules = [
      makeRule('far', { type: 'timeOnSite', op: 'gte', seconds: 40 * 86_400 }),
      makeRule('never', { type: 'country', op: 'in', values: ['JP'] }),
    ];
    const incremental = new IncrementalEvaluator();
    const start = base.visit.startedAt;
    expect(incremental.evaluate(rules, base, T0).nextCheckAt).toBe(start + 40 * day);
    expect(incremental.evaluate(rules, base, T0 + 12 * day).nextCheckAt).toBe(start + 40 * day);
    expect(incremental.lastEvaluated).toBe(0);
    expect(incremental.evaluate(rules, base, T0 + 13 * day).nextCheckAt).toBe(start + 40 * day);
    expect(incremental.lastEvaluated).toBe(2);
    incremental.evaluate(rules, base, T0 + 39 * day);
    expect(incremental.lastEvaluated).toBe(2);
    expect(incremental.evaluate(rules, base, start + 40 * day - 1).fire).toBeUndefined();
    expect(incremental.lastEvaluated).toBe(0);
    expect(incremental.evaluate(rules, base, start + 40 * day).fire?.ruleId).toBe('far');
    expect(incremental.lastEvaluated).toBe(1);
  });

  it('notices every kind of fact change, context keys removed included', () => {
    const rules = [makeRule('ctx', { type: 'context', name: 'coupon', op: 'exists' })];
    const incremental = new IncrementalEvaluator();
    const withCoupon = { ...base, context: { ...base.context, coupon: 'X' } };
    expect(incremental.evaluate(rules, withCoupon, T0).fire?.ruleId).toBe('ctx');
    expect(
      incremental.evaluate(rules, { ...base, context: { ...base.context } }, T0 + 1).fire,
    ).toBeUndefined();
    expect(incremental.lastEvaluated).toBe(1);
    const hours = [makeRule('hours', { type: 'operatingHours', state: 'open' })];
    const open = new IncrementalEvaluator();
    expect(open.evaluate(hours, base, T0).fire?.ruleId).toBe('hours');
    const closed = { ...base, operatingHours: { timeZone: 'UTC', periods: [] } };
    expect(open.evaluate(hours, closed, T0 + 1).fire).toBeUndefined();
    expect(open.lastEvaluated).toBe(1);
  });
});
