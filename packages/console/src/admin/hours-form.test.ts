import { operatingHoursSchema } from '@beckon/protocol';
import { describe, expect, test } from 'vitest';
import { formToHours, hoursToForm, parsePeriod } from './hours-form.ts';

describe('operating hours form', () => {
  test('round-trips a schedule through its text form', () => {
    const hours = {
      timeZone: 'Europe/Paris',
      periods: [
        { day: 1, start: '09:00', end: '12:30' },
        { day: 1, start: '14:00', end: '18:00' },
        { day: 6, start: '10:00', end: '24:00' },
      ],
      offlineMessage: 'Back on Monday.',
    };
    const form = hoursToForm(hours, 'UTC');
    expect(form.periods).toBe('Mon 09:00-12:30\nMon 14:00-18:00\nSat 10:00-24:00');
    expect(formToHours(form)).toEqual(hours);
  });

  test('off means no schedule (always open); a new schedule starts on weekdays 9 to 5', () => {
    const form = hoursToForm(null, 'Europe/London');
    expect(form.enabled).toBe(false);
    expect(formToHours(form)).toBeNull();
    const on = formToHours({ ...form, enabled: true });
    expect(on?.periods).toHaveLength(5);
    expect(operatingHoursSchema.safeParse(on).success).toBe(true);
  });

  test('reads loose spacing, lower case and single-digit hours; a bad line fails the schema', () => {
    expect(parsePeriod(' tue 9:00 – 17:30 ')).toEqual({ day: 2, start: '09:00', end: '17:30' });
    const bad = formToHours({
      enabled: true,
      timeZone: 'UTC',
      periods: 'Someday 9 to 5',
      offlineMessage: '',
      offlineMessageEn: '',
      offlineMessageFr: '',
    });
    expect(operatingHoursSchema.safeParse(bad).success).toBe(false);
  });

  test('offline messages per language round-trip; empty ones are left out', () => {
    const hours = {
      timeZone: 'Europe/Paris',
      periods: [{ day: 1, start: '09:00', end: '17:00' }],
      offlineMessage: 'Back on Monday.',
      offlineMessages: { fr: 'De retour lundi.' },
    };
    const form = hoursToForm(hours, 'UTC');
    expect([form.offlineMessageEn, form.offlineMessageFr]).toEqual(['', 'De retour lundi.']);
    expect(formToHours(form)).toEqual(hours);
    const both = formToHours({ ...form, offlineMessageEn: ' Closed. ', offlineMessage: '' });
    expect(both).toEqual({
      timeZone: 'Europe/Paris',
      periods: hours.periods,
      offlineMessages: { en: 'Closed.', fr: 'De retour lundi.' },
    });
    expect(operatingHoursSchema.safeParse(both).success).toBe(true);
    expect(formToHours({ ...form, offlineMessageFr: '  ' })).not.toHaveProperty('offlineMessages');
  });
});
