import type { ConditionNode } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.ts';
import { makeFacts, makeRule, T0 } from './test-factories.ts';

const facts = makeFacts(); // on /pricing since T0, visit number 2, in France
const onPricing: ConditionNode = { type: 'currentUrl', op: 'equals', value: '/pricing' };
const onCart: ConditionNode = { type: 'currentUrl', op: 'equals', value: '/cart' };
const after = (seconds: number): ConditionNode => ({ type: 'timeOnPage', op: 'gte', seconds });

describe('evaluate: firing', () => {
  it('fires a matching rule with its resolved message', () => {
    const rule = makeRule('r1', onPricing, {
      name: 'Pricing help',
      showPrechat: true,
      message: { text: 'Hi {name}', translations: { fr: 'Bonjour {name}' } },
    });
    const result = evaluate([rule], { ...facts, visitorName: 'Ana' }, T0);
    expect(result.fire).toEqual({
      ruleId: 'r1',
      ruleName: 'Pricing help',
      message: 'Bonjour Ana',
      showPrechat: true,
    });
    expect(result.nextCheckAt).toBeUndefined();
    expect(result.trace).toEqual([
      { ruleId: 'r1', ruleName: 'Pricing help', priority: 100, outcome: 'fired' },
    ]);
  });

  it('returns nothing for no rules', () => {
    expect(evaluate([], facts, T0)).toEqual({ trace: [] });
  });

  it('never fires a disabled rule', () => {
    const result = evaluate([makeRule('off', onPricing, { enabled: false, priority: 9000 })], facts, T0);
    expect(result.fire).toBeUndefined();
    expect(result.trace[0]?.outcome).toBe('disabled');
  });

  it('picks the highest priority and marks the other matches outranked', () => {
    const rules = [
      makeRule('low', onPricing, { priority: 10 }),
      makeRule('high', onPricing, { priority: 500 }),
      makeRule('miss', onCart, { priority: 9000 }),
    ];
    const result = evaluate(rules, facts, T0);
    expect(result.fire?.ruleId).toBe('high');
    expect(result.trace.map((entry) => entry.outcome)).toEqual(['outranked', 'fired', 'not-matched']);
  });

  it('breaks priority ties by the smaller id, whatever the order', () => {
    const b = makeRule('b', onPricing);
    const a = makeRule('a', onPricing);
    const c = makeRule('c', onPricing);
    expect(evaluate([b, c, a], facts, T0).fire?.ruleId).toBe('a');
    expect(evaluate([c, a, b], facts, T0).fire?.ruleId).toBe('a');
    expect(evaluate([a, b, c], facts, T0).fire?.ruleId).toBe('a');
  });
});

describe('evaluate: groups', () => {
  const matches = (conditions: ConditionNode) =>
    evaluate([makeRule('r', conditions)], facts, T0).fire !== undefined;

  it('all needs every child, and an empty all holds', () => {
    expect(matches({ type: 'all', conditions: [onPricing, after(0)] })).toBe(true);
    expect(matches({ type: 'all', conditions: [onPricing, onCart] })).toBe(false);
    expect(matches({ type: 'all', conditions: [] })).toBe(true);
  });

  it('any needs one child, and an empty any fails', () => {
    expect(matches({ type: 'any', conditions: [onCart, onPricing] })).toBe(true);
    expect(matches({ type: 'any', conditions: [onCart, after(5)] })).toBe(false);
    expect(matches({ type: 'any', conditions: [] })).toBe(false);
  });

  it('not inverts', () => {
    expect(matches({ type: 'not', condition: onCart })).toBe(true);
    expect(matches({ type: 'not', condition: onPricing })).toBe(false);
    expect(matches({ type: 'not', condition: { type: 'not', condition: onPricing } })).toBe(true);
  });
});

describe('evaluate: explanations', () => {
  const explain = (conditions: ConditionNode, now = T0) =>
    evaluate([makeRule('r', conditions)], facts, now).trace[0];

  it('names the first failing leaf, depth-first', () => {
    const trace = explain({
      type: 'all',
      conditions: [onPricing, { type: 'any', conditions: [onCart, after(60)] }],
    });
    expect(trace?.outcome).toBe('not-matched');
    expect(trace?.failed).toEqual({
      path: 'conditions.all[1].any[0]',
      condition: onCart,
      actual: '/pricing',
      reason: "page path is '/pricing'; needs page path equals '/cart'",
    });
  });

  it('does not blame a leaf whose group still got the needed value', () => {
    const trace = explain({
      type: 'all',
      conditions: [{ type: 'any', conditions: [onCart, onPricing] }, after(10)],
    });
    expect(trace?.failed?.path).toBe('conditions.all[1]');
    expect(trace?.failed?.reason).toBe('time on page is 0 s; needs time on page ≥ 10 s');
  });

  it('blames a leaf that held under a not', () => {
    const trace = explain({ type: 'not', condition: { type: 'all', conditions: [onPricing] } });
    expect(trace?.failed?.path).toBe('conditions.not.all[0]');
    expect(trace?.failed?.reason).toContain("a 'not' requires it not to");
  });

  it('explains each leaf type', () => {
    const reasons = [
      { type: 'timeOnSite', op: 'gt', seconds: 600 },
      { type: 'visitCount', op: 'eq', value: 1 },
      { type: 'country', op: 'in', values: ['US'] },
      { type: 'context', name: 'plan', op: 'eq', value: 'Silver' },
      { type: 'context', name: 'coupon', op: 'exists' },
      {
        type: 'executionWindow',
        timeZone: 'Europe/Paris',
        days: [0, 6],
        startTime: '20:00',
        endTime: '22:00',
      },
      { type: 'executionWindow', timeZone: 'Nowhere/Land' },
    ].map((condition) => explain(condition as ConditionNode)?.failed?.reason);
    expect(reasons).toEqual([
      'time on site is 60 s; needs time on site > 600 s',
      'visit number is 2; needs visit number = 1',
      'country is FR; needs country in [US]',
      'context \'plan\' is "Gold"; needs context \'plan\' eq "Silver"',
      "context 'coupon' is missing; needs context 'coupon' exists",
      'local time is Mon 2026-01-05 11:00 (Europe/Paris); needs execution window Sun,Sat 20:00–22:00 (Europe/Paris)',
      "unknown time zone 'Nowhere/Land'",
    ]);
  });

  it('has no leaf to blame for an empty any', () => {
    const trace = explain({ type: 'any', conditions: [] });
    expect(trace?.outcome).toBe('not-matched');
    expect(trace?.failed).toBeUndefined();
  });
});

describe('evaluate: nextCheckAt', () => {
  it('is the moment time on page reaches the threshold', () => {
    const result = evaluate(
      [makeRule('r', { type: 'all', conditions: [onPricing, after(30)] })],
      facts,
      T0 + 1234,
    );
    expect(result.fire).toBeUndefined();
    expect(result.nextCheckAt).toBe(T0 + 30_000);
    expect(result.trace[0]?.becomesTrueAt).toBe(T0 + 30_000);
    expect(evaluate([makeRule('r', after(30))], facts, T0 + 30_000).fire?.ruleId).toBe('r');
  });

  it('is the earliest over the rules, ignoring disabled ones', () => {
    const rules = [
      makeRule('slow', after(90)),
      makeRule('fast', after(20)),
      makeRule('off', after(5), { enabled: false }),
      makeRule('site', { type: 'timeOnSite', op: 'gte', seconds: 100 }),
    ];
    expect(evaluate(rules, facts, T0).nextCheckAt).toBe(T0 + 20_000);
  });

  it('waits for every time condition of an all', () => {
    const conditions: ConditionNode = {
      type: 'all',
      conditions: [after(30), { type: 'timeOnSite', op: 'gte', seconds: 200 }],
    };
    expect(evaluate([makeRule('r', conditions)], facts, T0).nextCheckAt).toBe(T0 + 140_000);
  });

  it('is absent when time alone cannot make a rule match', () => {
    expect(evaluate([makeRule('r', { type: 'all', conditions: [onCart, after(30)] })], facts, T0)).toEqual({
      trace: [expect.objectContaining({ outcome: 'not-matched' })],
    });
    expect(evaluate([makeRule('r', onCart)], facts, T0).nextCheckAt).toBeUndefined();
    expect(
      evaluate([makeRule('r', { type: 'timeOnPage', op: 'lt', seconds: 5 })], facts, T0 + 9000).nextCheckAt,
    ).toBe(undefined);
  });

  it('is absent when a rule fires', () => {
    const rules = [
      makeRule('now', onPricing, { priority: 1 }),
      makeRule('later', after(30), { priority: 999 }),
    ];
    const result = evaluate(rules, facts, T0);
    expect(result.fire?.ruleId).toBe('now');
    expect(result).not.toHaveProperty('nextCheckAt');
    expect(result.trace[1]?.becomesTrueAt).toBe(T0 + 30_000);
  });

  it('follows an execution window opening', () => {
    const window: ConditionNode = {
      type: 'executionWindow',
      timeZone: 'America/New_York',
      startTime: '09:00',
      endTime: '17:00',
    };
    expect(evaluate([makeRule('r', window)], facts, T0).nextCheckAt).toBe(Date.UTC(2026, 0, 5, 14));
  });
});

describe('evaluate: compiled rule cache', () => {
  it('notices a rule whose conditions were replaced', () => {
    const rule = makeRule('r', onCart);
    expect(evaluate([rule], facts, T0).fire).toBeUndefined();
    rule.conditions = onPricing;
    expect(evaluate([rule], facts, T0).fire?.ruleId).toBe('r');
  });
});
