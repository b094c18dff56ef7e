import type { LeafCondition } from '../rule.ts';
import { type ConditionDescriptor, isValue } from './descriptor.ts';
import { secondsLabel, secondsUnit, textOperators } from './operators.ts';
import { numericCondition, opField, textSentence } from './shapes.ts';

/** The visit and the visitor's history: earlier pages, the funnel, where they came from, returns. */

type Leaf<T extends LeafCondition['type']> = Extract<LeafCondition, { type: T }>;
const valueLabel = { en: 'Value', fr: 'Valeur' };

export const urlVisited: ConditionDescriptor<Leaf<'urlVisited'>> = {
  type: 'urlVisited',
  label: { en: 'URL visited earlier this visit', fr: 'URL visitée plus tôt dans la visite' },
  fields: [
    opField(textOperators),
    { key: 'value', kind: 'urlPattern', label: valueLabel, placeholder: '/pricing' },
  ],
  initial: { type: 'urlVisited', op: 'contains', value: '' },
  sentence: (c, locale) =>
    textSentence(
      locale === 'fr' ? 'une page plus tôt dans la visite' : 'a page earlier this visit',
      c.op,
      c.value,
      locale,
    ),
  subject: (_c, locale) =>
    locale === 'fr' ? 'pages précédentes de la visite' : 'earlier pages of this visit',
  actual: (_c, actual, locale) => {
    if (actual === undefined) return isValue(actual, locale);
    const urls = Array.isArray(actual) ? actual.map((url) => `'${String(url)}'`).join(', ') : '';
    if (locale === 'fr') return urls ? `sont ${urls}` : 'sont aucune';
    return urls ? `are ${urls}` : 'are none';
  },
};

export const urlFunnel: ConditionDescriptor<Leaf<'urlFunnel'>> = {
  type: 'urlFunnel',
  label: { en: 'URL funnel (pages in order)', fr: 'Parcours d’URL (pages dans l’ordre)' },
  fields: [
    {
      key: 'steps',
      kind: 'lines',
      label: {
        en: 'Steps, one URL pattern per line, in order',
        fr: 'Étapes, un motif d’URL par ligne, dans l’ordre',
      },
      placeholder: '/product/*\n/cart\n/checkout',
    },
  ],
  initial: { type: 'urlFunnel', steps: [] },
  sentence: (c, locale) =>
    `${locale === 'fr' ? 'pages visitées dans l’ordre' : 'pages visited in order'}: ${c.steps.map((step) => `'${step}'`).join(' → ')}`,
  subject: (_c, locale) => (locale === 'fr' ? 'étapes du parcours atteintes' : 'funnel steps reached'),
  actual: (c, actual, locale) =>
    actual === undefined
      ? isValue(actual, locale)
      : `${locale === 'fr' ? 'est' : 'is'} ${String(actual)} ${locale === 'fr' ? 'sur' : 'of'} ${c.steps.length}`,
};

export const referrer: ConditionDescriptor<Leaf<'referrer'>> = {
  type: 'referrer',
  label: { en: 'Referrer', fr: 'Site d’origine' },
  fields: [
    {
      key: 'part',
      kind: 'select',
      label: { en: 'Part', fr: 'Partie' },
      options: [
        { value: 'host', label: { en: 'host', fr: 'hôte' } },
        { value: 'url', label: { en: 'full URL', fr: 'URL complète' } },
      ],
    },
    opField(textOperators),
    { key: 'value', kind: 'text', label: valueLabel, placeholder: 'google.com' },
  ],
  initial: { type: 'referrer', part: 'host', op: 'contains', value: '' },
  sentence: (c, locale) => textSentence(referrer.subject(c, locale), c.op, c.value, locale),
  subject: (c, locale) =>
    locale === 'fr'
      ? c.part === 'host'
        ? 'hôte d’origine'
        : 'URL d’origine'
      : c.part === 'host'
        ? 'referrer host'
        : 'referrer URL',
  actual: (_c, actual, locale) => isValue(actual, locale, '', true),
};

export const utm: ConditionDescriptor<Leaf<'utm'>> = {
  type: 'utm',
  label: { en: 'UTM parameter', fr: 'Paramètre UTM' },
  fields: [
    {
      key: 'param',
      kind: 'select',
      label: { en: 'Parameter', fr: 'Paramètre' },
      options: (['source', 'medium', 'campaign'] as const).map((param) => ({
        value: param,
        label: { en: `utm_${param}`, fr: `utm_${param}` },
      })),
    },
    opField(textOperators),
    { key: 'value', kind: 'text', label: valueLabel, placeholder: 'newsletter' },
  ],
  initial: { type: 'utm', param: 'source', op: 'equals', value: '' },
  sentence: (c, locale) => textSentence(`utm_${c.param}`, c.op, c.value, locale),
  subject: (c) => `utm_${c.param}`,
  actual: (_c, actual, locale) => isValue(actual, locale, '', true),
};

export const pagesViewed = numericCondition<Leaf<'pagesViewed'>>({
  type: 'pagesViewed',
  label: { en: 'Pages viewed this visit', fr: 'Pages vues dans la visite' },
  subject: { en: 'pages viewed this visit', fr: 'pages vues dans la visite' },
  amount: { key: 'value', kind: 'number', label: { en: 'Pages', fr: 'Pages' } },
  initial: { type: 'pagesViewed', op: 'gte', value: 3 },
});

export const visitCount = numericCondition<Leaf<'visitCount'>>({
  type: 'visitCount',
  label: { en: 'Number of visits', fr: 'Nombre de visites' },
  subject: { en: 'visit number', fr: 'numéro de visite' },
  amount: { key: 'value', kind: 'number', label: { en: 'Visits', fr: 'Visites' } },
  initial: { type: 'visitCount', op: 'gte', value: 2 },
});

const seconds = { key: 'seconds', kind: 'number', label: secondsLabel, unit: secondsUnit } as const;

export const timeSinceLastVisit = numericCondition<Leaf<'timeSinceLastVisit'>>({
  type: 'timeSinceLastVisit',
  label: { en: 'Time since last visit', fr: 'Temps depuis la dernière visite' },
  subject: { en: 'time since last visit', fr: 'temps depuis la dernière visite' },
  amount: seconds,
  initial: { type: 'timeSinceLastVisit', op: 'gte', seconds: 86_400 },
});

export const timeSinceLastChat = numericCondition<Leaf<'timeSinceLastChat'>>({
  type: 'timeSinceLastChat',
  label: { en: 'Time since last chat', fr: 'Temps depuis la dernière discussion' },
  subject: { en: 'time since last chat', fr: 'temps depuis la dernière discussion' },
  amount: seconds,
  initial: { type: 'timeSinceLastChat', op: 'gte', seconds: 86_400 },
});
