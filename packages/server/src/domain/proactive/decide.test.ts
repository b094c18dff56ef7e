// Over 300 lines: every gate of decide() with its examples and properties, next to each other.
import { type ConditionNode, explainJourneySchema, type Rule, type RuleObjective } from '@beckon/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InvitationRow } from '../../ports/store.ts';
import { DAY_MS } from './caps.ts';
import { decide } from './decide.ts';
import { facts, invited, rule, T0, widget } from './decide-fixtures.ts';
import { explanationOf, journeyFacts } from './explain.ts';
import { WEEK_MS } from './gates.ts';

const base = { widget: widget(), facts: facts(T0, T0), now: T0 + 1000, busy: false };

describe('per-rule caps', () => {
  it('defaults to once per visit: the next rule down fires instead', () => {
    const rules = [rule('a', { priority: 200 }), rule('b')];
    const decision = decide({ ...base, rules, history: [invited('a', T0 + 10)] });
    expect(decision.evaluation.fire?.ruleId).toBe('b');
    expect(decision.capped.get('a')?.gate).toBe('cap-visit');
  });

  it('once per page fires again on the next page view of the same visit', () => {
    const rules = [rule('a', { caps: { perPage: true } })];
    const history = [invited('a', T0 + 10)];
    expect(decide({ ...base, rules, history }).capped.get('a')?.gate).toBe('cap-page');
    const nextPage = facts(T0 + 5000, T0);
    const again = decide({ ...base, facts: nextPage, now: T0 + 6000, rules, history });
    expect(again.evaluation.fire?.ruleId).toBe('a');
  });

  it('once per visitor holds across visits', () => {
    const rules = [rule('a', { caps: { perVisitor: true } })];
    const later = T0 + 30 * DAY_MS;
    const decision = decide({
      ...base,
      facts: facts(later, later),
      now: later,
      rules,
      history: [invited('a', T0)],
    });
    expect(decision.capped.get('a')?.gate).toBe('cap-visitor');
    expect(decision.evaluation.fire).toBeUndefined();
  });

  it('N per day is a rolling 24 h, and the next check is when the oldest leaves it', () => {
    const rules = [
      rule('a', { caps: { perDay: 2 } }),
      rule('z', { conditions: { type: 'any', conditions: [] } }),
    ];
    const history = [invited('a', T0 - 3 * 3_600_000), invited('a', T0 - 3_600_000)];
    const decision = decide({ ...base, rules, history });
    expect(decision.capped.get('a')).toMatchObject({ gate: 'cap-day', until: T0 - 3 * 3_600_000 + DAY_MS });
    expect(decision.nextCheckAt).toBe(T0 - 3 * 3_600_000 + DAY_MS);
  });
});

describe('global gates', () => {
  it('backs off after a dismissal until exactly the configured time', () => {
    const rules = [rule('a', { caps: { perPage: true } })];
    const history = [invited('b', T0 - 10_000, { status: 'dismissed', closedAt: T0 - 5000 })];
    const decision = decide({ ...base, rules, history });
    expect(decision.global).toMatchObject({ gate: 'backoff', until: T0 - 5000 + 3_600_000 });
    expect(decision.nextCheckAt).toBe(T0 - 5000 + 3_600_000);
    const after = decide({ ...base, now: T0 - 5000 + 3_600_000, rules, history });
    expect(after.evaluation.fire?.ruleId).toBe('a');
  });

  it('a zero back-off never vetoes', () => {
    const history = [invited('b', T0, { status: 'dismissed', closedAt: T0 + 1 })];
    const decision = decide({
      ...base,
      widget: widget({ dismissBackoffMinutes: 0 }),
      rules: [rule('a')],
      history,
    });
    expect(decision.evaluation.fire?.ruleId).toBe('a');
  });

  it('spends the per-visit budget on rule invitations only', () => {
    const rules = [rule('c')];
    const page = invited('', T0 + 1, { ruleId: undefined, source: 'page' });
    expect(decide({ ...base, rules, history: [invited('a', T0 + 1), page] }).evaluation.fire?.ruleId).toBe(
      'c',
    );
    const spent = decide({ ...base, rules, history: [invited('a', T0 + 1), invited('b', T0 + 2)] });
    expect(spent.global?.gate).toBe('budget-visit');
    expect(spent.nextCheckAt).toBeUndefined();
  });

  it('vetoes every rule outside operating hours and checks again when the widget opens', () => {
    // T0 is Tuesday 10:00 UTC = 11:00 in Paris; the widget opens at 12:00 Paris time on Tuesdays.
    const hours = { timeZone: 'Europe/Paris', periods: [{ day: 2, start: '12:00', end: '18:00' }] };
    const closedWidget = widget({}, { operatingHours: hours });
    const rules = [rule('a')];
    const closed = decide({ ...base, widget: closedWidget, rules, history: [] });
    expect(closed.global).toMatchObject({ gate: 'closed-hours', until: T0 + 3_600_000 });
    expect(closed.evaluation.fire).toBeUndefined();
    expect(closed.nextCheckAt).toBe(T0 + 3_600_000);
    const open = decide({ ...base, widget: closedWidget, now: T0 + 3_600_000, rules, history: [] });
    expect(open.evaluation.fire?.ruleId).toBe('a');
  });

  it('invites only when the rule’s target queue can answer, with the setting on', () => {
    const answering = widget({}, { inviteOnlyWhenAnswerable: true, queueId: 'q1' });
    const rules = [rule('a', { priority: 200, queueId: 'q_sales' }), rule('b', { priority: 100 })];
    // Only the widget's queue has someone free: the sales rule is held back and the next one fires.
    const some = decide({ ...base, widget: answering, rules, history: [], answerable: new Set(['q1']) });
    expect(some.capped.get('a')).toMatchObject({ gate: 'nobody-available' });
    expect(some.capped.get('a')?.until).toBeUndefined();
    expect(some.evaluation.fire?.ruleId).toBe('b');
    // Nobody anywhere: no invitation, and no deadline (a capacity change re-evaluates).
    const none = decide({ ...base, widget: answering, rules, history: [], answerable: new Set() });
    expect(none.evaluation.fire).toBeUndefined();
    expect(none.nextCheckAt).toBeUndefined();
    expect(explanationOf(none, rules, base.facts, base.now).rules.map((entry) => entry.gate)).toEqual([
      'nobody-available',
      'nobody-available',
    ]);
    // The setting off, or capacity unknown (a typed journey): no veto.
    expect(decide({ ...base, rules, history: [], answerable: new Set() }).evaluation.fire?.ruleId).toBe('a');
    expect(decide({ ...base, widget: answering, rules, history: [] }).evaluation.fire?.ruleId).toBe('a');
  });

  it('switches and a busy visitor come first', () => {
    const rules = [rule('a')];
    expect(
      decide({ ...base, widget: { ...widget(), proactiveEnabled: false }, rules, history: [] }).global?.gate,
    ).toBe('proactive-off');
    expect(decide({ ...base, busy: true, rules, history: [] }).global?.gate).toBe('busy');
  });

  it('never exceeds the fatigue budget, whatever the timing of evaluations and dismissals', () => {
    const step = fc.record({
      advanceMs: fc.integer({ min: 0, max: 3 * DAY_MS }),
      newPage: fc.boolean(),
      newVisit: fc.boolean(),
      dismiss: fc.boolean(),
    });
    const settings = fc.record({
      perVisit: fc.integer({ min: 1, max: 4 }),
      perWeek: fc.integer({ min: 1, max: 6 }),
      dismissBackoffMinutes: fc.integer({ min: 0, max: 2000 }),
    });
    fc.assert(
      fc.property(settings, fc.array(step, { maxLength: 60 }), (fatigue, steps) => {
        const w = widget(fatigue);
        const rules = [rule('a', { caps: { perPage: true } }), rule('b', { caps: { perDay: 5 } })];
        const history: InvitationRow[] = [];
        let now = T0;
        let pageStart = T0;
        let visitStart = T0;
        for (const s of steps) {
          now += s.advanceMs;
          if (s.newVisit) visitStart = now;
          if (s.newPage || s.newVisit) pageStart = now;
          const decision = decide({
            widget: w,
            rules,
            facts: facts(pageStart, visitStart),
            now,
            busy: false,
            history,
          });
          const fire = decision.evaluation.fire;
          if (!fire) continue;
          history.push(
            invited(fire.ruleId, now, {
              id: `inv_${history.length}`,
              status: s.dismiss ? 'dismissed' : 'expired',
              closedAt: now + 1,
            }),
          );
          const inVisit = history.filter((i) => i.createdAt >= visitStart).length;
          const inWeek = history.filter((i) => i.createdAt > now - WEEK_MS).length;
          expect(inVisit).toBeLessThanOrEqual(fatigue.perVisit);
          expect(inWeek).toBeLessThanOrEqual(fatigue.perWeek);
          now += 1;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('explanations', () => {
  it('names the first failing condition, the cap, and the winner for a typed journey', () => {
    const now = T0;
    const timed = rule('t', {
      conditions: { type: 'all', conditions: [{ type: 'timeOnPage', op: 'gte', seconds: 30 }] },
    });
    const rules = [
      timed,
      rule('capped', { priority: 300 }),
      rule('low', { priority: 1 }),
      rule('off', { enabled: false }),
    ];
    const journeyFacts10 = journeyFacts(
      {
        url: 'https://shop.example/pricing',
        title: '',
        timeOnPageSeconds: 10,
        pagesViewed: 1,
        visitNumber: 1,
        language: 'en',
        context: {},
        authenticated: false,
      },
      now,
    );
    const history = [invited('capped', journeyFacts10.visit.startedAt)];
    const decision = decide({ widget: widget(), rules, facts: journeyFacts10, now, busy: false, history });
    const explanation = explanationOf(decision, rules, journeyFacts10, now);
    expect(explanation.fire?.ruleId).toBe('low');
    const byId = new Map(explanation.rules.map((r) => [r.ruleId, r]));
    expect(byId.get('t')).toMatchObject({ outcome: 'not-matched', actual: 10, becomesTrueAt: now + 20_000 });
    expect(byId.get('capped')).toMatchObject({ outcome: 'vetoed', gate: 'cap-visit', conditionsMatch: true });
    expect(byId.get('off')?.outcome).toBe('disabled');
    expect(byId.get('low')?.outcome).toBe('fired');
  });
});

describe('A/B split with a holdout', () => {
  const splitArb = fc.record({
    holdoutPercent: fc.integer({ min: 0, max: 100 }),
    variants: fc.uniqueArray(
      fc.record({
        id: fc.constantFrom('A', 'B', 'C'),
        message: fc.record({ text: fc.constantFrom('Hi A', 'Hi B', 'Hi C') }),
        weight: fc.integer({ min: 1, max: 100 }),
      }),
      { selector: (variant) => variant.id, maxLength: 3 },
    ),
  });

  it('a holdout visitor is never invited: the decision marks the firing as held, whatever the split', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), splitArb, (visitorId, split) => {
        const rules = [rule('r1', { split })];
        const decision = decide({
          widget: widget(),
          rules,
          facts: facts(T0, T0),
          now: T0,
          busy: false,
          history: [],
          visitorId,
        });
        expect(decision.evaluation.fire?.ruleId).toBe('r1');
        const side = decision.assignment!;
        if (split.holdoutPercent === 100) expect(side.kind).toBe('holdout');
        if (split.holdoutPercent === 0) expect(side.kind).toBe('variant');
        if (side.kind === 'variant' && split.variants.length > 0) {
          expect(split.variants.map((variant) => variant.message.text)).toContain(
            decision.evaluation.fire?.message,
          );
        }
        // The explanation says which side the visitor is on.
        const explained = explanationOf(decision, rules, facts(T0, T0), T0).rules[0]!;
        expect(explained.assignment).toBe(side.kind === 'holdout' ? 'holdout' : side.variantId);
      }),
    );
  });

  it('a held invitation counts for the rule cap, so the holdout is not re-drawn on every event', () => {
    const rules = [rule('r1', { split: { holdoutPercent: 100, variants: [] } })];
    const held = invited('r1', T0 - 1000, { status: 'held', variant: 'holdout' });
    const decision = decide({
      widget: widget(),
      rules,
      facts: facts(T0 - 5000, T0 - 5000),
      now: T0,
      busy: false,
      history: [held],
      visitorId: 'v1',
    });
    expect(decision.evaluation.fire).toBeUndefined();
    expect(decision.capped.has('r1')).toBe(true);
  });
});

describe('typed journeys with the facts of the complete engine', () => {
  it('explains event, funnel, UTM, referrer, device and idle conditions from the journey', () => {
    const journey = explainJourneySchema.parse({
      url: 'https://shop.example/cart',
      earlierUrls: ['https://shop.example/?utm_source=mail', 'https://shop.example/product/1'],
      referrer: 'https://www.google.com/search',
      device: 'mobile',
      browser: 'Firefox',
      city: 'Lyon',
      events: [{ name: 'added_to_cart', props: { sku: 'A' } }],
      timeOnPageSeconds: 40,
    });
    const facts = journeyFacts(journey, T0);
    const conditions: ConditionNode = {
      type: 'all',
      conditions: [
        { type: 'urlFunnel', steps: ['/product/*', '/cart'] },
        { type: 'utm', param: 'source', op: 'equals', value: 'mail' },
        { type: 'referrer', part: 'host', op: 'equals', value: 'www.google.com' },
        { type: 'device', op: 'in', values: ['mobile'] },
        { type: 'browser', op: 'in', values: ['firefox'] },
        { type: 'city', op: 'in', values: ['lyon'] },
        { type: 'event', name: 'added_to_cart', op: 'gte', count: 1, props: { sku: 'A' } },
        { type: 'idleTime', op: 'gte', seconds: 40 },
      ],
    };
    const rules = [rule('r1', { conditions })];
    const decision = decide({ widget: widget(), rules, facts, now: T0, busy: false, history: [] });
    expect(decision.evaluation.fire?.ruleId).toBe('r1');
    const stricter = [rule('r1', { conditions: { type: 'idleTime', op: 'gte', seconds: 41 } })];
    const explained = explanationOf(
      decide({ widget: widget(), rules: stricter, facts, now: T0, busy: false, history: [] }),
      stricter,
      facts,
      T0,
    );
    expect(explained.rules[0]?.reason).toBe('idle time is 40 s; needs idle time ≥ 41 s');
  });
});

describe('an optimised split', () => {
  const variants = ['A', 'B', 'C'].map((id) => ({ id, message: { text: `Hi ${id}` }, weight: 1 }));
  const optimised = (holdoutPercent: number, optimise = true, objective?: RuleObjective) =>
    rule('r1', { split: { holdoutPercent, variants, optimise, ...(objective && { objective }) } });
  // Whatever the rule maximises, the holdout and a visitor's variant are decided the same way.
  const objectives = fc.constantFrom<RuleObjective | undefined>(
    undefined,
    { kind: 'accepted' },
    { kind: 'chat' },
    { kind: 'event', event: 'purchase', windowHours: 24 },
  );
  const decideFor = (visitorId: string, r: Rule, history: InvitationRow[], pick?: string) => {
    const asked: string[] = [];
    const decision = decide({
      widget: widget({ perVisit: 100, perWeek: 100, dismissBackoffMinutes: 0 }),
      rules: [{ ...r, caps: { perVisit: false } }],
      facts: facts(T0, T0),
      now: T0,
      busy: false,
      history,
      visitorId,
      optimise: (chosen) => {
        asked.push(chosen.id);
        return pick;
      },
    });
    return { decision, asked };
  };

  it('gives a new visitor the optimiser’s pick, and never moves anyone in or out of the holdout', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom('A', 'B', 'C'),
        objectives,
        (visitorId, holdoutPercent, pick, objective) => {
          const plain = decideFor(visitorId, optimised(holdoutPercent, false), []).decision.assignment!;
          const { decision, asked } = decideFor(
            visitorId,
            optimised(holdoutPercent, true, objective),
            [],
            pick,
          );
          expect(decision.assignment?.kind).toBe(plain.kind);
          if (plain.kind === 'holdout') {
            expect(asked).toEqual([]);
          } else {
            expect(decision.assignment).toMatchObject({ kind: 'variant', variantId: pick });
            expect(decision.evaluation.fire?.message).toBe(`Hi ${pick}`);
          }
        },
      ),
    );
  });

  it('keeps a visitor on the variant this rule showed them, whatever the optimiser would pick now', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('A', 'B', 'C'),
        fc.constantFrom('A', 'B', 'C'),
        objectives,
        (shown, pick, objective) => {
          const before = invited('r1', T0 - 60_000, { variant: shown, status: 'dismissed' });
          const { decision, asked } = decideFor('v1', optimised(0, true, objective), [before], pick);
          expect(decision.assignment).toMatchObject({ kind: 'variant', variantId: shown });
          expect(asked).toEqual([]);
        },
      ),
    );
  });

  it('turned off, decides exactly as the weighted split, the optimiser never asked', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 100 }),
        (visitorId, holdout) => {
          const off = decideFor(visitorId, optimised(holdout, false), [], 'C');
          const weighted = decideFor(
            visitorId,
            rule('r1', { split: { holdoutPercent: holdout, variants } }),
            [],
            'C',
          );
          expect(off.asked).toEqual([]);
          expect(off.decision.assignment).toEqual(weighted.decision.assignment);
          expect(off.decision.evaluation.fire?.message).toBe(weighted.decision.evaluation.fire?.message);
        },
      ),
    );
  });
});
