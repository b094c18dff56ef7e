import type { LeafCondition } from '../rule.ts';
import { type ConditionDescriptor, isValue, type Locale } from './descriptor.ts';
import { secondsLabel, secondsUnit } from './operators.ts';
import { numericCondition } from './shapes.ts';

/** Time on the page and the site, and when: a window of dates, days and hours, or the widget's hours. */

type Leaf<T extends LeafCondition['type']> = Extract<LeafCondition, { type: T }>;
const seconds = { key: 'seconds', kind: 'number', label: secondsLabel, unit: secondsUnit } as const;

export const dayNames: Readonly<Record<Locale, readonly string[]>> = {
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  fr: ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'],
};

export const timeOnPage = numericCondition<Leaf<'timeOnPage'>>({
  type: 'timeOnPage',
  label: { en: 'Time on page', fr: 'Temps sur la page' },
  subject: { en: 'time on page', fr: 'temps sur la page' },
  amount: seconds,
  initial: { type: 'timeOnPage', op: 'gte', seconds: 30 },
});

export const timeOnSite = numericCondition<Leaf<'timeOnSite'>>({
  type: 'timeOnSite',
  label: { en: 'Time on site', fr: 'Temps sur le site' },
  subject: { en: 'time on site', fr: 'temps sur le site' },
  amount: seconds,
  initial: { type: 'timeOnSite', op: 'gte', seconds: 60 },
});

function describeWindow(c: Leaf<'executionWindow'>, locale: Locale): string {
  const parts: string[] = [];
  if (c.from !== undefined || c.to !== undefined) {
    parts.push(`${c.from ?? '…'} ${locale === 'fr' ? 'au' : 'to'} ${c.to ?? '…'}`);
  }
  if (c.days !== undefined) parts.push(c.days.map((day) => dayNames[locale][day] ?? '?').join(','));
  if (c.startTime !== undefined || c.endTime !== undefined) {
    parts.push(`${c.startTime ?? '00:00'}–${c.endTime ?? '24:00'}`);
  }
  parts.push(`(${c.timeZone})`);
  return parts.join(' ');
}

/** The engine's actual value here is the visitor's local time: `{ day, date, time, timeZone }`. */
function describeLocalTime(actual: unknown, locale: Locale): string {
  if (typeof actual !== 'object' || actual === null) return String(actual);
  const local = actual as { day: number; date: string; time: string; timeZone: string };
  return `${dayNames[locale][local.day]} ${local.date} ${local.time} (${local.timeZone})`;
}

export const executionWindow: ConditionDescriptor<Leaf<'executionWindow'>> = {
  type: 'executionWindow',
  label: { en: 'Execution window', fr: 'Plage horaire' },
  fields: [
    {
      key: 'timeZone',
      kind: 'timeZone',
      label: { en: 'Time zone', fr: 'Fuseau horaire' },
      placeholder: 'Europe/Paris',
    },
    { key: 'from', kind: 'date', label: { en: 'From date', fr: 'Du' }, optional: true },
    { key: 'to', kind: 'date', label: { en: 'To date', fr: 'Au' }, optional: true },
    { key: 'startTime', kind: 'time', label: { en: 'Start time', fr: 'Heure de début' }, optional: true },
    { key: 'endTime', kind: 'time', label: { en: 'End time', fr: 'Heure de fin' }, optional: true },
    { key: 'days', kind: 'weekdays', label: { en: 'Days', fr: 'Jours' }, optional: true },
  ],
  initial: {
    type: 'executionWindow',
    timeZone: 'UTC',
    days: [1, 2, 3, 4, 5],
    startTime: '09:00',
    endTime: '18:00',
  },
  sentence: (c, locale) =>
    `${locale === 'fr' ? 'plage horaire' : 'execution window'} ${describeWindow(c, locale)}`,
  subject: (_c, locale) => (locale === 'fr' ? 'l’heure locale' : 'local time'),
  actual: (_c, actual, locale) => `${locale === 'fr' ? 'est' : 'is'} ${describeLocalTime(actual, locale)}`,
};

export const operatingHours: ConditionDescriptor<Leaf<'operatingHours'>> = {
  type: 'operatingHours',
  label: { en: 'Operating hours', fr: 'Heures d’ouverture' },
  fields: [
    {
      key: 'state',
      kind: 'select',
      label: { en: 'The widget is', fr: 'Le widget est' },
      options: [
        {
          value: 'open',
          label: { en: 'open (within its operating hours)', fr: 'ouvert (pendant ses heures d’ouverture)' },
          symbol: { en: 'open', fr: 'ouvert' },
        },
        {
          value: 'closed',
          label: { en: 'closed (outside its operating hours)', fr: 'fermé (hors de ses heures d’ouverture)' },
          symbol: { en: 'closed', fr: 'fermé' },
        },
      ],
    },
  ],
  initial: { type: 'operatingHours', state: 'open' },
  sentence: (c, locale) =>
    locale === 'fr'
      ? `heures d’ouverture : ${c.state === 'open' ? 'ouvert' : 'fermé'}`
      : `operating hours ${c.state}`,
  subject: (_c, locale) => (locale === 'fr' ? 'le widget' : 'the widget'),
  actual: (_c, actual, locale) => isValue(actual, locale),
};
