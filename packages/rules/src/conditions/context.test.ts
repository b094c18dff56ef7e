import type { LeafCondition } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import { makeFacts } from '../test-factories.ts';
import { checkContext, toNumber } from './context.ts';

type ContextOp = Extract<LeafCondition, { type: 'context' }>['op'];

const facts = makeFacts({
  context: { plan: 'Gold', cartTotal: 120, vip: true, orders: '7', note: 'Call me BACK' },
});

function ok(name: string, op: ContextOp, value?: string | number | boolean): boolean {
  return checkContext({ type: 'context', name, op, value }, facts).ok;
}

describe('context', () => {
  it('eq / neq on strings compare exactly', () => {
    expect(ok('plan', 'eq', 'Gold')).toBe(true);
    expect(ok('plan', 'eq', 'gold')).toBe(false);
    expect(ok('plan', 'neq', 'Silver')).toBe(true);
    expect(ok('plan', 'neq', 'Gold')).toBe(false);
  });

  it('eq / neq coerce numeric strings when the other side is a number', () => {
    expect(ok('orders', 'eq', 7)).toBe(true);
    expect(ok('cartTotal', 'eq', '120')).toBe(true);
    expect(ok('cartTotal', 'eq', 120)).toBe(true);
    expect(ok('cartTotal', 'neq', '121')).toBe(true);
    expect(ok('plan', 'eq', 0)).toBe(false);
  });

  it('eq on booleans accepts true / false text', () => {
    expect(ok('vip', 'eq', true)).toBe(true);
    expect(ok('vip', 'eq', 'TRUE')).toBe(true);
    expect(ok('vip', 'eq', false)).toBe(false);
    expect(ok('vip', 'neq', false)).toBe(true);
  });

  it('numeric comparisons coerce numeric strings and refuse the rest', () => {
    expect(ok('cartTotal', 'gt', 100)).toBe(true);
    expect(ok('cartTotal', 'gte', 120)).toBe(true);
    expect(ok('cartTotal', 'lt', 120)).toBe(false);
    expect(ok('cartTotal', 'lte', '120')).toBe(true);
    expect(ok('orders', 'gt', 5)).toBe(true);
    expect(ok('orders', 'lt', 5)).toBe(false);
    expect(ok('plan', 'gt', 0)).toBe(false);
    expect(ok('plan', 'lt', 0)).toBe(false);
    expect(ok('vip', 'gte', 0)).toBe(false);
    expect(ok('cartTotal', 'gt', 'lots')).toBe(false);
  });

  it('contains is a case-insensitive substring', () => {
    expect(ok('note', 'contains', 'back')).toBe(true);
    expect(ok('note', 'contains', 'CALL me')).toBe(true);
    expect(ok('note', 'contains', 'later')).toBe(false);
    expect(ok('cartTotal', 'contains', '12')).toBe(true);
  });

  it('exists is true for any present key', () => {
    expect(ok('vip', 'exists')).toBe(true);
    expect(ok('missing', 'exists')).toBe(false);
  });

  it('a missing variable matches only neq', () => {
    for (const op of ['eq', 'lt', 'lte', 'gt', 'gte', 'contains'] as const)
      expect(ok('missing', op, 1)).toBe(false);
    expect(ok('missing', 'neq', 1)).toBe(true);
    expect(
      checkContext({ type: 'context', name: 'missing', op: 'eq', value: 1 }, facts).actual,
    ).toBeUndefined();
  });

  it('an operator without a value never matches', () => {
    expect(ok('plan', 'eq')).toBe(false);
    expect(ok('plan', 'contains')).toBe(false);
  });

  it('does not see inherited object keys', () => {
    expect(ok('toString', 'exists')).toBe(false);
    expect(ok('constructor', 'contains', 'function')).toBe(false);
  });

  it('recognises numbers', () => {
    expect(toNumber(' 12.5 ')).toBe(12.5);
    expect(toNumber('')).toBeUndefined();
    expect(toNumber('12abc')).toBeUndefined();
    expect(toNumber(Number.NaN)).toBeUndefined();
    expect(toNumber(true)).toBeUndefined();
  });
});
