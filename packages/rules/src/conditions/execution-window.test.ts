import type { LeafCondition } from '@beckon/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeFacts, T0 } from '../test-factories.ts';
import { checkExecutionWindow } from './execution-window.ts';

type Window = Omit<Extract<LeafCondition, { type: 'executionWindow' }>, 'type'>;

const facts = makeFacts();
const utc = (...parts: [number, number, number, number, number?]) =>
  Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4] ?? 0);
const check = (window: Window, now: number) =>
  checkExecutionWindow({ type: 'executionWindow', ...window }, facts, now);

const weekdays = [1, 2, 3, 4, 5];

describe('executionWindow', () => {
  it('reads the local time in the stated time zone', () => {
    // T0 is Monday 10:00 UTC: 11:00 in Paris, 05:00 in New York.
    const paris = check(
      { timeZone: 'Europe/Paris', days: weekdays, startTime: '09:00', endTime: '18:00' },
      T0,
    );
    expect(paris).toEqual({
      ok: true,
      actual: { timeZone: 'Europe/Paris', date: '2026-01-05', day: 1, time: '11:00' },
      nextChangeAt: utc(2026, 1, 5, 17),
    });
    const newYork = check(
      { timeZone: 'America/New_York', days: weekdays, startTime: '09:00', endTime: '18:00' },
      T0,
    );
    expect(newYork.ok).toBe(false);
    expect(newYork.actual).toMatchObject({ date: '2026-01-05', time: '05:00' });
    expect(newYork.nextChangeAt).toBe(utc(2026, 1, 5, 14));
  });

  it('treats the start as inclusive and the end as exclusive', () => {
    const window = { timeZone: 'Europe/Paris', startTime: '09:00', endTime: '18:00' };
    expect(check(window, utc(2026, 1, 5, 8)).ok).toBe(true);
    expect(check(window, utc(2026, 1, 5, 8) - 1).ok).toBe(false);
    expect(check(window, utc(2026, 1, 5, 17) - 1).ok).toBe(true);
    expect(check(window, utc(2026, 1, 5, 17)).ok).toBe(false);
  });

  it('filters by day of week', () => {
    const window = { timeZone: 'Europe/Paris', days: weekdays };
    expect(check(window, utc(2026, 1, 10, 12)).ok).toBe(false); // Saturday
    expect(check(window, utc(2026, 1, 11, 22, 59)).ok).toBe(false); // Sunday 23:59 in Paris
    expect(check(window, utc(2026, 1, 11, 23)).ok).toBe(true); // Monday 00:00 in Paris
    expect(check({ timeZone: 'UTC', days: [] }, T0)).toMatchObject({ ok: false, nextChangeAt: undefined });
  });

  it('includes both ends of the date range, in local dates', () => {
    const window = { timeZone: 'Europe/Paris', from: '2026-01-05', to: '2026-01-06' };
    expect(check(window, utc(2026, 1, 4, 22, 59))).toMatchObject({
      ok: false,
      nextChangeAt: utc(2026, 1, 4, 23),
    });
    expect(check(window, utc(2026, 1, 4, 23)).ok).toBe(true);
    expect(check(window, utc(2026, 1, 6, 22, 59)).ok).toBe(true);
    expect(check(window, utc(2026, 1, 6, 23))).toMatchObject({ ok: false, nextChangeAt: undefined });
  });

  it('jumps straight to the start date when it is far away', () => {
    const window = { timeZone: 'America/New_York', from: '2026-06-01', startTime: '09:00', endTime: '17:00' };
    expect(check(window, T0).nextChangeAt).toBe(utc(2026, 6, 1, 4)); // EDT midnight
  });

  it('crosses midnight, the night belonging to the day it starts', () => {
    const window = { timeZone: 'Europe/Paris', days: [5], startTime: '22:00', endTime: '02:00' };
    expect(check(window, utc(2026, 1, 9, 20, 59)).ok).toBe(false); // Friday 21:59
    expect(check(window, utc(2026, 1, 9, 21)).ok).toBe(true); // Friday 22:00
    expect(check(window, utc(2026, 1, 10, 0, 30)).ok).toBe(true); // Saturday 01:30
    expect(check(window, utc(2026, 1, 10, 1)).ok).toBe(false); // Saturday 02:00
    expect(check(window, utc(2026, 1, 9, 0, 30)).ok).toBe(false); // Friday 01:30 belongs to Thursday
  });

  it('treats an equal start and end as a whole day from the start', () => {
    expect(check({ timeZone: 'UTC', startTime: '00:00', endTime: '00:00' }, T0).ok).toBe(true);
    const fromNine = { timeZone: 'UTC', days: [1], startTime: '09:00', endTime: '09:00' };
    expect(check(fromNine, utc(2026, 1, 5, 8, 59)).ok).toBe(false); // Monday 08:59 belongs to Sunday
    expect(check(fromNine, utc(2026, 1, 6, 8, 59)).ok).toBe(true); // Tuesday 08:59 belongs to Monday
  });

  it('has no next change when it does not depend on time', () => {
    expect(check({ timeZone: 'Asia/Tokyo' }, T0)).toMatchObject({ ok: true, nextChangeAt: undefined });
  });

  it('reports an unknown time zone instead of throwing', () => {
    expect(check({ timeZone: 'Mars/Olympus' }, T0)).toMatchObject({ ok: false, reason: expect.any(String) });
  });

  it('catches the spring-forward jump over a start time inside the skipped hour', () => {
    // Paris, 2026-03-29: 02:00 local (01:00 UTC) becomes 03:00.
    const window = { timeZone: 'Europe/Paris', startTime: '02:30', endTime: '05:00' };
    expect(check(window, utc(2026, 3, 29, 0, 30))).toMatchObject({
      ok: false,
      nextChangeAt: utc(2026, 3, 29, 1),
    });
    expect(check(window, utc(2026, 3, 29, 1)).ok).toBe(true);
  });

  it('catches the fall-back jump out of a window and the replayed start', () => {
    // Paris, 2026-10-25: 03:00 local (01:00 UTC) becomes 02:00 again.
    const window = { timeZone: 'Europe/Paris', startTime: '02:15', endTime: '03:00' };
    expect(check(window, utc(2026, 10, 25, 0, 30))).toMatchObject({
      ok: true,
      nextChangeAt: utc(2026, 10, 25, 1),
    });
    expect(check(window, utc(2026, 10, 25, 1))).toMatchObject({
      ok: false,
      nextChangeAt: utc(2026, 10, 25, 1, 15),
    });
    expect(check(window, utc(2026, 10, 25, 1, 15)).ok).toBe(true);
  });

  it('never reports a next change later than the real one, across DST transitions (stepping by minute)', () => {
    const transitions = [
      utc(2026, 3, 29, 1), // Paris spring forward
      utc(2026, 10, 25, 1), // Paris fall back
      utc(2026, 3, 8, 7), // New York spring forward
      utc(2026, 11, 1, 6), // New York fall back
    ];
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const windowArb = fc.record(
      {
        timeZone: fc.constantFrom('Europe/Paris', 'America/New_York', 'UTC'),
        days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 7 }),
        startTime: hhmm,
        endTime: hhmm,
      },
      { requiredKeys: ['timeZone'] },
    );
    const nowArb = fc
      .tuple(fc.constantFrom(...transitions), fc.integer({ min: -30 * 3600, max: 30 * 3600 }))
      .map(([at, offsetSeconds]) => at + offsetSeconds * 1000);
    fc.assert(
      fc.property(windowArb, nowArb, (window, now) => {
        const first = check(window, now);
        if (first.nextChangeAt === undefined) return;
        expect(first.nextChangeAt).toBeGreaterThan(now);
        const lastSame = first.nextChangeAt - 1;
        for (let t = Math.ceil(now / 60_000) * 60_000; t <= lastSame; t += 60_000) {
          expect(check(window, t).ok).toBe(first.ok);
        }
        expect(check(window, lastSame).ok).toBe(first.ok);
      }),
      { numRuns: 150 },
    );
  });
});
