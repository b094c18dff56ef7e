import type { NumericOp } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import { makeFacts, T0 } from '../test-factories.ts';
import { checkTimeOnPage } from './time-on-page.ts';
import { checkTimeOnSite } from './time-on-site.ts';

const facts = makeFacts({
  page: { url: 'https://a.example/', title: '', startedAt: T0 },
  visit: { startedAt: T0 - 100_000, pagesViewed: 4, visitNumber: 1 },
});

function onPage(op: NumericOp, seconds: number, elapsedMs: number) {
  return checkTimeOnPage({ type: 'timeOnPage', op, seconds }, facts, T0 + elapsedMs);
}

describe('timeOnPage', () => {
  it('counts whole seconds since the page view started', () => {
    expect(onPage('gte', 30, 29_999)).toEqual({ ok: false, actual: 29, nextChangeAt: T0 + 30_000 });
    expect(onPage('gte', 30, 30_000)).toEqual({ ok: true, actual: 30, nextChangeAt: undefined });
  });

  it('gt flips one second after the threshold', () => {
    expect(onPage('gt', 30, 30_999)).toMatchObject({ ok: false, nextChangeAt: T0 + 31_000 });
    expect(onPage('gt', 30, 31_000)).toMatchObject({ ok: true, nextChangeAt: undefined });
  });

  it('lt and lte become false and then stay false', () => {
    expect(onPage('lt', 10, 9_999)).toMatchObject({ ok: true, nextChangeAt: T0 + 10_000 });
    expect(onPage('lt', 10, 10_000)).toMatchObject({ ok: false, nextChangeAt: undefined });
    expect(onPage('lte', 10, 10_999)).toMatchObject({ ok: true, nextChangeAt: T0 + 11_000 });
    expect(onPage('lte', 10, 11_000)).toMatchObject({ ok: false, nextChangeAt: undefined });
  });

  it('eq holds for exactly one second', () => {
    expect(onPage('eq', 5, 4_000)).toMatchObject({ ok: false, nextChangeAt: T0 + 5_000 });
    expect(onPage('eq', 5, 5_500)).toMatchObject({ ok: true, nextChangeAt: T0 + 6_000 });
    expect(onPage('eq', 5, 6_000)).toMatchObject({ ok: false, nextChangeAt: undefined });
  });

  it('treats 0 seconds as immediately true for gte', () => {
    expect(onPage('gte', 0, 0)).toMatchObject({ ok: true, nextChangeAt: undefined });
  });

  it('copes with a page that starts after now (clock skew)', () => {
    const result = onPage('gte', 2, -1_500);
    expect(result.ok).toBe(false);
    expect(result.nextChangeAt).toBe(T0 + 2_000);
  });
});

describe('timeOnSite', () => {
  it('counts from the start of the visit', () => {
    const at = (op: NumericOp, seconds: number, now: number) =>
      checkTimeOnSite({ type: 'timeOnSite', op, seconds }, facts, now);
    expect(at('gte', 120, T0)).toEqual({ ok: false, actual: 100, nextChangeAt: T0 + 20_000 });
    expect(at('gte', 120, T0 + 20_000)).toMatchObject({ ok: true, actual: 120 });
    expect(at('lt', 120, T0)).toMatchObject({ ok: true, nextChangeAt: T0 + 20_000 });
    expect(at('eq', 100, T0)).toMatchObject({ ok: true, nextChangeAt: T0 + 1_000 });
    expect(at('gt', 99, T0)).toMatchObject({ ok: true, nextChangeAt: undefined });
    expect(at('lte', 99, T0)).toMatchObject({ ok: false, nextChangeAt: undefined });
  });
});
