import type { LeafCondition } from '../rule.ts';
import { type ConditionDescriptor, isValue, say } from './descriptor.ts';
import { listOperators } from './operators.ts';
import { listCondition, opField } from './shapes.ts';

/** Who and where the visitor is: country, region, city (from the IP), language, device, browser. */

type Leaf<T extends LeafCondition['type']> = Extract<LeafCondition, { type: T }>;

export const country = listCondition<Leaf<'country'>>({
  type: 'country',
  label: { en: 'Country', fr: 'Pays' },
  subject: { en: 'country', fr: 'pays' },
  values: {
    key: 'values',
    kind: 'list',
    upperCase: true,
    label: { en: 'Countries (ISO codes, comma-separated)', fr: 'Pays (codes ISO, séparés par des virgules)' },
    placeholder: 'FR, BE, CH',
  },
  initial: { type: 'country', op: 'in', values: [] },
  bareActual: true,
});

export const language = listCondition<Leaf<'language'>>({
  type: 'language',
  label: { en: 'Language', fr: 'Langue' },
  subject: { en: 'language', fr: 'langue' },
  values: {
    key: 'values',
    kind: 'list',
    label: {
      en: 'Languages (fr, en-GB, …), comma-separated',
      fr: 'Langues (fr, en-GB, …), séparées par des virgules',
    },
  },
  initial: { type: 'language', op: 'in', values: [] },
});

export const browser = listCondition<Leaf<'browser'>>({
  type: 'browser',
  label: { en: 'Browser', fr: 'Navigateur' },
  subject: { en: 'browser', fr: 'navigateur' },
  values: {
    key: 'values',
    kind: 'list',
    label: {
      en: 'Browsers (Chrome, Firefox, Safari, Edge), comma-separated',
      fr: 'Navigateurs (Chrome, Firefox, Safari, Edge), séparés par des virgules',
    },
  },
  initial: { type: 'browser', op: 'in', values: [] },
});

export const region = listCondition<Leaf<'region'>>({
  type: 'region',
  label: { en: 'Region', fr: 'Région' },
  subject: { en: 'region', fr: 'région' },
  values: {
    key: 'values',
    kind: 'list',
    label: { en: 'Regions, comma-separated', fr: 'Régions, séparées par des virgules' },
  },
  initial: { type: 'region', op: 'in', values: [] },
});

export const city = listCondition<Leaf<'city'>>({
  type: 'city',
  label: { en: 'City', fr: 'Ville' },
  subject: { en: 'city', fr: 'ville' },
  values: {
    key: 'values',
    kind: 'list',
    label: { en: 'Cities, comma-separated', fr: 'Villes, séparées par des virgules' },
  },
  initial: { type: 'city', op: 'in', values: [] },
});

const deviceTypes = [
  { value: 'desktop', label: { en: 'desktop', fr: 'ordinateur' } },
  { value: 'tablet', label: { en: 'tablet', fr: 'tablette' } },
  { value: 'mobile', label: { en: 'mobile', fr: 'mobile' } },
] as const;

export const device: ConditionDescriptor<Leaf<'device'>> = {
  type: 'device',
  label: { en: 'Device type', fr: 'Type d’appareil' },
  fields: [
    opField(listOperators),
    { key: 'values', kind: 'choices', label: { en: 'Devices', fr: 'Appareils' }, options: deviceTypes },
  ],
  initial: { type: 'device', op: 'in', values: ['mobile'] },
  sentence: (c, locale) => {
    const op = say(listOperators.find((o) => o.value === c.op)?.symbol ?? { en: c.op, fr: c.op }, locale);
    const names = c.values.map((value) =>
      locale === 'fr' ? (deviceTypes.find((d) => d.value === value)?.label.fr ?? value) : value,
    );
    return `${device.subject(c, locale)} ${op} [${names.join(', ')}]`;
  },
  subject: (_c, locale) => (locale === 'fr' ? 'appareil' : 'device'),
  actual: (_c, actual, locale) => isValue(actual, locale, '', true),
};
