import type { LeafCondition } from '@beckon/protocol';
import type { LeafCheck, LeafResult, VisitorFacts } from '../types.ts';
import { instantOfWall } from '../wall-instant.ts';
import { DAY_MS, dayIndexOf, weekday, type ZonedSnapshot, zonedSnapshot } from '../zoned-time.ts';
import type { Compilers } from './compiler.ts';

type ExecutionWindowCondition = Extract<LeafCondition, { type: 'executionWindow' }>;

const MINUTE_MS = 60_000;

/**
 * Dates, days and times are local to the condition's time zone. A window that crosses midnight
 * (endTime ≤ startTime) belongs to the day it starts on: with days = [Friday] and 22:00–02:00, Saturday 01:00
 * is inside and Friday 01:00 is not. An equal start and end time means 24 hours from the start.
 */
export function compileExecutionWindow(condition: ExecutionWindowCondition): LeafCheck {
  const { timeZone } = condition;
  const start = condition.startTime === undefined ? 0 : minutesOf(condition.startTime);
  const end = condition.endTime === undefined ? 24 * 60 : minutesOf(condition.endTime);
  const crossing = end <= start;
  const days = condition.days === undefined ? undefined : new Set(condition.days);
  const from = condition.from === undefined ? Number.NEGATIVE_INFINITY : dayIndexOf(condition.from);
  const to = condition.to === undefined ? Number.POSITIVE_INFINITY : dayIndexOf(condition.to);
  const dateBound = days !== undefined || condition.from !== undefined || condition.to !== undefined;
  const timeBound = condition.startTime !== undefined || condition.endTime !== undefined;
  const unknownZone: LeafResult = { ok: false, actual: timeZone, reason: `unknown time zone '${timeZone}'` };

  function windowDayOf(snapshot: ZonedSnapshot): number | undefined {
    const minute = Math.floor(snapshot.msOfDay / MINUTE_MS);
    if (!crossing) return minute >= start && minute < end ? snapshot.dayIndex : undefined;
    if (minute >= start) return snapshot.dayIndex;
    return minute < end ? snapshot.dayIndex - 1 : undefined;
  }

  // The next boundary stays the same for many evaluations in a row; converting it costs Intl calls.
  let memoWall = Number.NaN;
  let memoOffset = Number.NaN;
  let memoInstant = Number.NaN;
  function instantOf(snapshot: ZonedSnapshot, wall: number, jumpsMatter: boolean): number {
    if (wall !== memoWall || snapshot.offsetMs !== memoOffset || !(memoInstant > snapshot.now)) {
      memoInstant = instantOfWall(timeZone, snapshot, wall, jumpsMatter);
      memoWall = wall;
      memoOffset = snapshot.offsetMs;
    }
    return memoInstant;
  }

  function nextChangeAt(snapshot: ZonedSnapshot): number | undefined {
    const { dayIndex } = snapshot;
    // The last window that could still be open started on `to`; a crossing one ends the day after.
    if (dayIndex > (crossing ? to + 1 : to)) return undefined;
    if (days !== undefined && days.size === 0) return undefined;
    const wallNow = snapshot.now + snapshot.offsetMs;
    // Nothing can match before `from` (a crossing window of the day before would be outside the range too).
    if (dayIndex < from) return instantOf(snapshot, from * DAY_MS, false);
    let wall = Number.POSITIVE_INFINITY;
    if (dateBound) wall = (dayIndex + 1) * DAY_MS;
    if (timeBound) {
      for (const minute of [start, end]) {
        let boundary = dayIndex * DAY_MS + minute * MINUTE_MS;
        if (boundary <= wallNow) boundary += DAY_MS;
        if (boundary < wall) wall = boundary;
      }
    }
    return wall === Number.POSITIVE_INFINITY ? undefined : instantOf(snapshot, wall, true);
  }

  return (_facts, now) => {
    const snapshot = zonedSnapshot(timeZone, now);
    if (!snapshot) return unknownZone;
    const windowDay = windowDayOf(snapshot);
    const ok =
      windowDay !== undefined &&
      windowDay >= from &&
      windowDay <= to &&
      (days === undefined || days.has(weekday(windowDay)));
    return { ok, actual: snapshot.local, nextChangeAt: nextChangeAt(snapshot) };
  };
}

export function checkExecutionWindow(
  condition: ExecutionWindowCondition,
  facts: VisitorFacts,
  now: number,
): LeafResult {
  return compileExecutionWindow(condition)(facts, now);
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'executionWindow'> = { executionWindow: compileExecutionWindow };
