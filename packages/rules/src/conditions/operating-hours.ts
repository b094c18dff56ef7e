import type { LeafCondition, OperatingHours } from '@beckon/protocol';
import type { LeafCheck, LeafResult } from '../types.ts';
import { instantOfWall } from '../wall-instant.ts';
import { DAY_MS, weekday, zonedSnapshot } from '../zoned-time.ts';
import type { Compilers } from './compiler.ts';

type OperatingHoursCondition = Extract<LeafCondition, { type: 'operatingHours' }>;

const MINUTE_MS = 60_000;

export interface HoursState {
  open: boolean;
  /** The next opening or closing within a week, if any (the next boundary when the zone is unknown). */
  nextChangeAt?: number;
  /** When open: the instant the current period opened (at most a week back); when closed: the next opening. */
  periodStart?: number;
  /** When open: the closing of the current period; when closed: the closing of the next period. */
  periodEnd?: number;
}

/** Opening intervals as local wall-clock ms since the epoch, merged, from the day before `day` to a week on. */
function intervals(hours: OperatingHours, dayIndex: number): Array<[number, number]> {
  const list: Array<[number, number]> = [];
  for (let day = dayIndex - 7; day <= dayIndex + 8; day++) {
    for (const period of hours.periods) {
      if (period.day !== weekday(day)) continue;
      list.push([
        day * DAY_MS + minutes(period.start) * MINUTE_MS,
        day * DAY_MS + minutes(period.end) * MINUTE_MS,
      ]);
    }
  }
  list.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const interval of list) {
    const last = merged[merged.length - 1];
    // Touching periods (Monday until 24:00, Tuesday from 00:00) are one: no closing in between.
    if (last && interval[0] <= last[1]) last[1] = Math.max(last[1], interval[1]);
    else merged.push([...interval]);
  }
  return merged;
}

/**
 * Whether a weekly schedule is open at `now`, in its own time zone (daylight-saving changes included), and
 * when that changes. An unknown time zone counts as closed: a schedule nobody can read opens nothing.
 */
export function hoursAt(hours: OperatingHours, now: number): HoursState {
  const snapshot = zonedSnapshot(hours.timeZone, now);
  if (!snapshot) return { open: false };
  const wallNow = now + snapshot.offsetMs;
  const toInstant = (wall: number) => instantOfWall(hours.timeZone, snapshot, wall, false);
  const list = intervals(hours, snapshot.dayIndex);
  const current = list.find(([start, end]) => start <= wallNow && wallNow < end);
  if (current) {
    const end = toInstant(current[1]);
    return { open: true, nextChangeAt: end, periodStart: toInstant(current[0]), periodEnd: end };
  }
  const next = list.find(([start]) => start > wallNow);
  if (!next) return { open: false };
  const start = toInstant(next[0]);
  return { open: false, nextChangeAt: start, periodStart: start, periodEnd: toInstant(next[1]) };
}

/** `operatingHours`: the visitor is on the site while the widget is open (or closed). */
export function compileOperatingHours(condition: OperatingHoursCondition): LeafCheck {
  const wantOpen = condition.state === 'open';
  return (facts, now): LeafResult => {
    if (!facts.operatingHours) return { ok: wantOpen, actual: 'open (no operating hours)' };
    const state = hoursAt(facts.operatingHours, now);
    return {
      ok: state.open === wantOpen,
      actual: state.open ? 'open' : 'closed',
      nextChangeAt: state.nextChangeAt,
    };
  };
}

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'operatingHours'> = { operatingHours: compileOperatingHours };
