import { firstOffsetChange, formatterFor, offsetAt, remember, type ZonedSnapshot } from './zoned-time.ts';

interface Transition {
  /** The first instant with the new offset. */
  at: number;
  before: number;
}

const transitions = new Map<string, Transition>();

/**
 * The earliest instant after `snapshot.now` at which the local wall clock reaches `wall` (local ms since the
 * epoch), or an earlier one. When an offset change comes first, the wall clock jumps there (forward over a
 * skipped hour, or back to replay one), which may itself flip a condition, so the jump is returned if sooner;
 * `jumpsMatter = false` is for callers to whom nothing before `wall` can matter.
 */
export function instantOfWall(
  timeZone: string,
  snapshot: ZonedSnapshot,
  wall: number,
  jumpsMatter = true,
): number {
  const formatter = formatterFor(timeZone);
  const naive = wall - snapshot.offsetMs;
  if (!formatter) return naive;
  const laterOffset = offsetAt(formatter, naive);
  if (laterOffset === snapshot.offsetMs) return naive;
  const corrected = wall - laterOffset;
  const reachable = offsetAt(formatter, corrected) === laterOffset;
  if (reachable && !jumpsMatter) return corrected;
  const jump = transitionAfter(timeZone, formatter, snapshot, naive);
  // A wall time inside a skipped hour never shows on the clock: the jump over it is the change.
  return reachable ? Math.min(corrected, jump) : jump;
}

/** The first instant in (now, limit] with another offset than now's. */
function transitionAfter(
  timeZone: string,
  formatter: Intl.DateTimeFormat,
  snapshot: ZonedSnapshot,
  limit: number,
): number {
  const known = transitions.get(timeZone);
  if (known && known.before === snapshot.offsetMs && known.at > snapshot.now && known.at <= limit) {
    return known.at;
  }
  const at = firstOffsetChange(formatter, snapshot.now, limit, snapshot.offsetMs);
  remember(transitions, timeZone, { at, before: snapshot.offsetMs });
  return at;
}
