import { consoleLocale } from '../locale.ts';

/** Numbers, dates and times in the console's language, through Intl (one formatter per shape). */
const tags = { en: 'en-GB', fr: 'fr-FR' } as const;
const tag = tags[consoleLocale];

const integer = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
const decimal1 = new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const decimal2 = new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent1 = new Intl.NumberFormat(tag, {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const clock = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit' });
const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });

export const formatInteger = (value: number): string => integer.format(value);
export const formatDecimal = (value: number, digits: 1 | 2 = 1): string =>
  (digits === 1 ? decimal1 : decimal2).format(value);
export const formatPercent = (rate: number): string => percent1.format(rate);
export const formatClock = (timestamp: number): string => clock.format(timestamp);
export const formatDateTime = (timestamp: number): string => dateTime.format(timestamp);
