import type { LeafCondition, NumericOp } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import { makeFacts } from '../test-factories.ts';
import { checkCountry } from './country.ts';
import { checkVisitCount } from './visit-count.ts';

type CountryCondition = Extract<LeafCondition, { type: 'country' }>;

describe('visitCount', () => {
  const facts = makeFacts({ visit: { startedAt: 0, pagesViewed: 1, visitNumber: 3 } });
  const ok = (op: NumericOp, value: number) => checkVisitCount({ type: 'visitCount', op, value }, facts).ok;

  it('compares the visit number with every operator', () => {
    expect([ok('eq', 3), ok('eq', 1)]).toEqual([true, false]);
    expect([ok('gte', 3), ok('gte', 4)]).toEqual([true, false]);
    expect([ok('gt', 2), ok('gt', 3)]).toEqual([true, false]);
    expect([ok('lte', 3), ok('lte', 2)]).toEqual([true, false]);
    expect([ok('lt', 4), ok('lt', 3)]).toEqual([true, false]);
  });

  it('is not time-based', () => {
    expect(checkVisitCount({ type: 'visitCount', op: 'eq', value: 3 }, facts)).toEqual({
      ok: true,
      actual: 3,
    });
  });
});

describe('country', () => {
  const at = (country: string | undefined) =>
    makeFacts({ location: country === undefined ? {} : { country } });

  it('in matches listed countries', () => {
    const condition: CountryCondition = { type: 'country', op: 'in', values: ['FR', 'BE'] };
    expect(checkCountry(condition, at('FR')).ok).toBe(true);
    expect(checkCountry(condition, at('be')).ok).toBe(true);
    expect(checkCountry(condition, at('US')).ok).toBe(false);
    expect(checkCountry(condition, at(undefined))).toEqual({ ok: false, actual: undefined });
  });

  it('notIn matches unlisted and unknown countries', () => {
    const condition: CountryCondition = { type: 'country', op: 'notIn', values: ['us'] };
    expect(checkCountry(condition, at('FR')).ok).toBe(true);
    expect(checkCountry(condition, at('US')).ok).toBe(false);
    expect(checkCountry(condition, at(undefined)).ok).toBe(true);
  });
});
