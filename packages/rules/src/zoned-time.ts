/**
 * Wall-clock arithmetic in IANA time zones, built on Intl only. Offsets are looked up, never assumed, so the
 * answers stay right across daylight-saving transitions; lookups are memoised because Intl is slow next to
 * the rest of an evaluation.
 */

export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** No time zone changes its offset twice within an hour, so equal offsets an hour apart hold in between. */
const SPAN_MS = 3_600_000;
const CACHE_LIMIT = 200;

/** The local time a condition saw; also what the trace shows as `actual`. */
export interface LocalTime {
  timeZone: string;
  /** YYYY-MM-DD */
  date: string;
  /** 0 = Sunday … 6 = Saturday */
  day: number;
  /** HH:MM */
  time: string;
}

export interface ZonedSnapshot {
  now: number;
  offsetMs: number;
  /** Local days since 1970-01-01. */
  dayIndex: number;
  msOfDay: number;
  /** The same object for every instant within one local minute. */
  local: LocalTime;
}

interface OffsetSpan {
  from: number;
  until: number;
  offsetMs: number;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();
const spans = new Map<string, OffsetSpan>();
const snapshots = new Map<string, ZonedSnapshot>();

export function remember<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= CACHE_LIMIT && !map.has(key)) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
  map.set(key, value);
}

export function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      formatter = null;
    }
    remember(formatters, timeZone, formatter);
  }
  return formatter ?? undefined;
}

export function offsetAt(formatter: Intl.DateTimeFormat, instant: number): number {
  let year = 1970;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of formatter.formatToParts(instant)) {
    const value = Number(part.value);
    if (part.type === 'year') year = value;
    else if (part.type === 'month') month = value;
    else if (part.type === 'day') day = value;
    else if (part.type === 'hour') hour = value;
    else if (part.type === 'minute') minute = value;
    else if (part.type === 'second') second = value;
  }
  const wholeSecond = instant - (((instant % 1000) + 1000) % 1000);
  return Date.UTC(year, month - 1, day, hour, minute, second) - wholeSecond;
}

/** The first instant in (from, to] whose offset differs from `offsetMs`, given that `to`'s does. */
export function firstOffsetChange(
  formatter: Intl.DateTimeFormat,
  from: number,
  to: number,
  offsetMs: number,
): number {
  // Offsets change on whole seconds, so a search over seconds finds the exact instant.
  let lo = Math.floor(from / 1000);
  let hi = Math.ceil(to / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(formatter, mid * 1000) === offsetMs) lo = mid;
    else hi = mid;
  }
  return hi * 1000;
}

function offsetFor(timeZone: string, formatter: Intl.DateTimeFormat, now: number): number {
  const span = spans.get(timeZone);
  if (span !== undefined && now >= span.from && now < span.until) return span.offsetMs;
  const offsetMs = offsetAt(formatter, now);
  const probe = now + SPAN_MS;
  const until =
    offsetAt(formatter, probe) === offsetMs ? probe : firstOffsetChange(formatter, now, probe, offsetMs);
  remember(spans, timeZone, { from: now, until, offsetMs });
  return offsetMs;
}

/** The wall clock in `timeZone` at `now`, or undefined when the zone is unknown. */
export function zonedSnapshot(timeZone: string, now: number): ZonedSnapshot | undefined {
  const previous = snapshots.get(timeZone);
  if (previous !== undefined && previous.now === now) return previous;
  const formatter = formatterFor(timeZone);
  if (!formatter) return undefined;
  const offsetMs = offsetFor(timeZone, formatter, now);
  const wall = now + offsetMs;
  const dayIndex = Math.floor(wall / DAY_MS);
  const msOfDay = wall - dayIndex * DAY_MS;
  const sameMinute =
    previous !== undefined &&
    Math.floor((previous.now + previous.offsetMs) / MINUTE_MS) === Math.floor(wall / MINUTE_MS);
  const local = sameMinute ? previous.local : localTime(timeZone, dayIndex, msOfDay);
  const snapshot: ZonedSnapshot = { now, offsetMs, dayIndex, msOfDay, local };
  remember(snapshots, timeZone, snapshot);
  return snapshot;
}

function localTime(timeZone: string, dayIndex: number, msOfDay: number): LocalTime {
  const minutes = Math.floor(msOfDay / MINUTE_MS);
  return {
    timeZone,
    date: new Date(dayIndex * DAY_MS).toISOString().slice(0, 10),
    day: weekday(dayIndex),
    time: `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`,
  };
}

export function weekday(dayIndex: number): number {
  // 1970-01-01 was a Thursday.
  return (((dayIndex + 4) % 7) + 7) % 7;
}

/** Local days since 1970-01-01 for a YYYY-MM-DD string. */
export function dayIndexOf(isoDate: string): number {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
