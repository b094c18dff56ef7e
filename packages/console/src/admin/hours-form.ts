import type { OfflineMessages, OpeningPeriod, OperatingHours } from '@beckon/protocol';

/**
 * Operating hours as the widget settings form types them: one opening period per line, `Mon 09:00-17:00`
 * (English three-letter day, 24-hour times, `24:00` for midnight at the end of the day). A line that does not
 * read becomes a period the server's schema rejects, so the form reports it instead of dropping it.
 */

export const dayAbbreviations = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

export interface HoursForm {
  /** Off = no schedule: always open. */
  enabled: boolean;
  timeZone: string;
  /** One period per line. */
  periods: string;
  offlineMessage: string;
  /** Per widget language; empty: the default message above (or the widget's own). */
  offlineMessageEn: string;
  offlineMessageFr: string;
}

export function hoursToForm(hours: OperatingHours | null, defaultTimeZone: string): HoursForm {
  if (!hours) {
    return {
      enabled: false,
      timeZone: defaultTimeZone,
      periods: 'Mon 09:00-17:00\nTue 09:00-17:00\nWed 09:00-17:00\nThu 09:00-17:00\nFri 09:00-17:00',
      offlineMessage: '',
      offlineMessageEn: '',
      offlineMessageFr: '',
    };
  }
  return {
    enabled: true,
    timeZone: hours.timeZone,
    periods: hours.periods.map((p) => `${dayAbbreviations[p.day]} ${p.start}-${p.end}`).join('\n'),
    offlineMessage: hours.offlineMessage ?? '',
    offlineMessageEn: hours.offlineMessages?.en ?? '',
    offlineMessageFr: hours.offlineMessages?.fr ?? '',
  };
}

export function parsePeriod(line: string): OpeningPeriod {
  const match = /^(\w{3})\s+(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(line.trim());
  const day = match ? dayAbbreviations.findIndex((d) => d.toLowerCase() === match[1]?.toLowerCase()) : -1;
  // -1 and the raw text fail the schema with a message naming the field.
  return { day, start: pad(match?.[2] ?? line.trim()), end: pad(match?.[3] ?? '') };
}

export function formToHours(form: HoursForm): OperatingHours | null {
  if (!form.enabled) return null;
  const hours: OperatingHours = {
    timeZone: form.timeZone.trim(),
    periods: form.periods
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map(parsePeriod),
  };
  const message = form.offlineMessage.trim();
  if (message) hours.offlineMessage = message;
  const messages: OfflineMessages = {};
  const en = form.offlineMessageEn.trim();
  const fr = form.offlineMessageFr.trim();
  if (en) messages.en = en;
  if (fr) messages.fr = fr;
  if (en || fr) hours.offlineMessages = messages;
  return hours;
}

function pad(time: string): string {
  return /^\d:\d{2}$/.test(time) ? `0${time}` : time;
}
