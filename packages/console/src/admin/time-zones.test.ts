import { describe, expect, test } from 'vitest';
import { filterTimeZones, timeZones } from './time-zones.ts';

describe('the time-zone picker', () => {
  test('lists the IANA zones, UTC first, and keeps a current value the runtime lacks', () => {
    const zones = timeZones();
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Europe/Paris');
    expect(zones).toContain('America/New_York');
    expect(timeZones('Mars/Olympus_Mons')[0]).toBe('Mars/Olympus_Mons');
  });

  test('filters by words in any order, case and underscores aside, keeping the current zone', () => {
    const zones = timeZones();
    expect(filterTimeZones(zones, 'new york')).toContain('America/New_York');
    expect(filterTimeZones(zones, 'PARIS europe')).toEqual(['Europe/Paris']);
    expect(filterTimeZones(zones, 'paris', 'UTC')).toEqual(['UTC', 'Europe/Paris']);
    expect(filterTimeZones(zones, '  ')).toHaveLength(zones.length);
    expect(filterTimeZones(zones, 'nowhere-at-all')).toEqual([]);
  });
});
