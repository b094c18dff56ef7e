import type { Location } from '@beckon/protocol';

/** A duration as a person reads it: "42 s", "2 min 5 s", "1 h 3 min", "2 d 4 h". Rounded to the second. */
export function formatDuration(ms: number): string {
  const total = Number.isFinite(ms) ? Math.max(0, Math.round(ms / 1000)) : 0;
  if (total < 60) return `${total} s`;
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return seconds > 0 ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/**
 * Clock skew of a frame: how far the server's clock is ahead of ours when the frame arrived. Adding it to
 * `Date.now()` estimates the server's time now, so deadlines set by the server count down correctly even when
 * this machine's clock is wrong.
 */
export function clockSkew(serverTime: number, receivedAt: number): number {
  return serverTime - receivedAt;
}

/** Whole seconds left until a server deadline, never negative; rounded up so a fresh 120 s offer shows 120. */
export function secondsLeft(expiresAt: number, skewMs: number, localNow: number): number {
  const remaining = expiresAt - (localNow + skewMs);
  return remaining <= 0 ? 0 : Math.ceil(remaining / 1000);
}

/** Milliseconds since a server timestamp, seen from this machine with the skew corrected. */
export function elapsedSince(serverTimestamp: number, skewMs: number, localNow: number): number {
  return Math.max(0, localNow + skewMs - serverTimestamp);
}

/** "City, region, country", or `unknown` (the caller's language) when the location has none of them. */
export function formatLocation(location: Location, unknown = 'Unknown'): string {
  const parts = [location.city, location.region, location.country].filter(
    (part): part is string => typeof part === 'string' && part.trim() !== '',
  );
  return parts.length > 0 ? parts.join(', ') : unknown;
}
