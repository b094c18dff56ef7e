import type { LeafCondition } from '../rule.ts';
import { type ConditionDescriptor, isValue, symbolOf, yesNo } from './descriptor.ts';
import { numericOperators, secondsLabel, secondsUnit } from './operators.ts';
import { numericCondition, opField } from './shapes.ts';

/** What the visitor does on the page: custom events, exit intent, scrolling, idling. */

type Leaf<T extends LeafCondition['type']> = Extract<LeafCondition, { type: T }>;

export const event: ConditionDescriptor<Leaf<'event'>> = {
  type: 'event',
  label: { en: 'Custom event (Beckon.track)', fr: 'Événement personnalisé (Beckon.track)' },
  fields: [
    {
      key: 'name',
      kind: 'text',
      label: { en: 'Event name', fr: 'Nom de l’événement' },
      placeholder: 'added_to_cart',
    },
    opField(numericOperators),
    { key: 'count', kind: 'number', label: { en: 'Times this visit', fr: 'Fois dans la visite' } },
    {
      key: 'props',
      kind: 'json',
      label: { en: 'With props (JSON, optional)', fr: 'Avec les propriétés (JSON, facultatif)' },
      optional: true,
      placeholder: '{"currency":"EUR"}',
    },
  ],
  initial: { type: 'event', name: '', op: 'gte', count: 1 },
  sentence: (c, locale) => {
    const fr = locale === 'fr';
    const props = c.props ? ` ${fr ? 'avec' : 'with'} ${JSON.stringify(c.props)}` : '';
    const op = symbolOf(numericOperators, c.op, locale);
    return fr
      ? `événement '${c.name}'${props} ${op} ${c.count} fois dans la visite`
      : `event '${c.name}'${props} ${op} ${c.count} times this visit`;
  },
  subject: (c, locale) => (locale === 'fr' ? `nombre d’événements '${c.name}'` : `event '${c.name}' count`),
  actual: (_c, actual, locale) => isValue(actual, locale),
};

export const exitIntent: ConditionDescriptor<Leaf<'exitIntent'>> = {
  type: 'exitIntent',
  label: { en: 'Exit intent', fr: 'Intention de sortie' },
  hint: {
    en: 'The pointer leaves the page towards the browser’s tabs or address bar.',
    fr: 'Le pointeur quitte la page vers les onglets ou la barre d’adresse du navigateur.',
  },
  fields: [],
  initial: { type: 'exitIntent' },
  sentence: (_c, locale) =>
    locale === 'fr' ? 'intention de sortie sur cette page' : 'exit intent on this page',
  subject: (_c, locale) => (locale === 'fr' ? 'intention de sortie' : 'exit intent'),
  actual: (_c, actual, locale) => (actual === undefined ? isValue(actual, locale) : yesNo(actual, locale)),
};

export const scrollDepth = numericCondition<Leaf<'scrollDepth'>>({
  type: 'scrollDepth',
  label: { en: 'Scroll depth', fr: 'Défilement' },
  subject: { en: 'scroll depth', fr: 'défilement' },
  amount: {
    key: 'percent',
    kind: 'number',
    label: { en: 'Percent', fr: 'Pourcentage' },
    unit: { en: '%', fr: '%' },
  },
  initial: { type: 'scrollDepth', op: 'gte', percent: 50 },
});

export const idleTime = numericCondition<Leaf<'idleTime'>>({
  type: 'idleTime',
  label: { en: 'Idle time', fr: 'Temps d’inactivité' },
  subject: { en: 'idle time', fr: 'temps d’inactivité' },
  amount: { key: 'seconds', kind: 'number', label: secondsLabel, unit: secondsUnit },
  initial: { type: 'idleTime', op: 'gte', seconds: 30 },
});
