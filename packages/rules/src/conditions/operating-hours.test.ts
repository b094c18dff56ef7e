import type { OperatingHours } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate.ts';
import { makeFacts, makeRule, T0 } from '../test-factories.ts';
import { compileOperatingHours, hoursAt } from './operating-hours.ts';

const utc = (...parts: [number, number, number, number, number?]) =>
  Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4] ?? 0);

/** Monday to Friday 09:00–17:00 in Paris, with a Friday evening period crossing midnight as two periods. */
const paris: OperatingHours = {
  timeZone: 'Europe/Paris',
  periods: [
    ...[1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
    { day: 5, start: '22:00', end: '24:00' },
    { day: 6, start: '00:00', end: '02:00' },
  ],
};

describe('hoursAt', () => {
  it('is open inside a period, in the schedule’s time zone, until the period closes', () => {
    // T0 is Monday 2026-01-05 10:00 UTC = 11:00 in Paris.
    expect(hoursAt(paris, T0)).toEqual({
      open: true,
      nextChangeAt: utc(2026, 1, 5, 16),
      periodStart: utc(2026, 1, 5, 8),
      periodEnd: utc(2026, 1, 5, 16),
    });
  });

  it('is closed outside and names the next opening and its closing', () => {
    const evening = utc(2026, 1, 5, 18); // Monday 19:00 in Paris
    expect(hoursAt(paris, evening)).toEqual({
      open: false,
      nextChangeAt: utc(2026, 1, 6, 8),
      periodStart: utc(2026, 1, 6, 8),
      periodEnd: utc(2026, 1, 6, 16),
    });
  });

  it('treats touching periods across midnight as one opening', () => {
    const fridayLate = utc(2026, 1, 9, 22); // Friday 23:00 in Paris
    const state = hoursAt(paris, fridayLate);
    expect(state.open).toBe(true);
    expect(state.nextChangeAt).toBe(utc(2026, 1, 10, 1)); // Saturday 02:00 in Paris
  });

  it('skips the weekend to Monday morning', () => {
    const saturday = utc(2026, 1, 10, 12);
    expect(hoursAt(paris, saturday)).toMatchObject({ open: false, nextChangeAt: utc(2026, 1, 12, 8) });
  });

  it('follows daylight saving time: 09:00 in Paris is 07:00 UTC in summer', () => {
    const summerMonday = utc(2026, 7, 6, 6, 59);
    expect(hoursAt(paris, summerMonday)).toMatchObject({ open: false, nextChangeAt: utc(2026, 7, 6, 7) });
    expect(hoursAt(paris, utc(2026, 7, 6, 7)).open).toBe(true);
  });

  it('an empty schedule never opens; an unknown zone counts as closed', () => {
    expect(hoursAt({ timeZone: 'UTC', periods: [] }, T0)).toEqual({ open: false });
    expect(hoursAt({ timeZone: 'Mars/Olympus', periods: paris.periods }, T0)).toEqual({ open: false });
  });
});

describe('operatingHours condition', () => {
  const open = compileOperatingHours({ type: 'operatingHours', state: 'open' });
  const closed = compileOperatingHours({ type: 'operatingHours', state: 'closed' });

  it('reads the widget’s hours from the facts and says when it flips', () => {
    const facts = makeFacts({ operatingHours: paris });
    expect(open(facts, T0)).toEqual({ ok: true, actual: 'open', nextChangeAt: utc(2026, 1, 5, 16) });
    expect(closed(facts, T0).ok).toBe(false);
    expect(closed(facts, utc(2026, 1, 5, 16)).ok).toBe(true);
  });

  it('a widget without hours is always open', () => {
    const facts = makeFacts();
    expect(open(facts, T0).ok).toBe(true);
    expect(closed(facts, T0).ok).toBe(false);
  });

  it('arms the next check at the opening through the engine', () => {
    const rule = makeRule('r1', { type: 'operatingHours', state: 'open' });
    const evening = utc(2026, 1, 5, 18);
    const result = evaluate([rule], makeFacts({ operatingHours: paris }), evening);
    expect(result.fire).toBeUndefined();
    expect(result.nextCheckAt).toBe(utc(2026, 1, 6, 8));
    expect(result.trace[0]?.failed?.reason).toContain('the widget is closed');
  });
});
