/** Every IANA time zone the browser knows, UTC first; the current value is kept even if the browser lacks it. */
export function timeZones(current?: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = ['UTC', ...known.filter((zone) => zone !== 'UTC')];
  if (current && !zones.includes(current)) zones.unshift(current);
  return zones;
}

/**
 * The zones matching what was typed: every word in any order, ignoring case, and `_` read as a space ("new york",
 * "paris europe"). The current value stays listed so the select never loses it.
 */
export function filterTimeZones(zones: readonly string[], query: string, current?: string): string[] {
  const words = query
    .toLowerCase()
    .replaceAll('_', ' ')
    .split(/[\s/]+/)
    .filter(Boolean);
  if (words.length === 0) return [...zones];
  return zones.filter((zone) => {
    if (zone === current) return true;
    const text = zone.toLowerCase().replaceAll('_', ' ');
    return words.every((word) => text.includes(word));
  });
}
