import type { LeafCondition, Rule } from '@beckon/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.ts';
import { IncrementalEvaluator } from './incremental.ts';
import { anyLeaf, factsArb, treeOf } from './test-arbitraries.ts';
import { makeRule, T0 } from './test-factories.ts';
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
  | { kind: 'edit'; index: number; enabled: boolean };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('time' as const), ms: fc.integer({ min: 0, max: 4_000 }) }),
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
            }
            const facts = factsNow();
            const kept = incremental.evaluate(rules, facts, now);
            const full = evaluate(rules, facts, now);
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
