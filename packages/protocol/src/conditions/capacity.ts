import type { LeafCondition } from '../rule.ts';
import { type ConditionDescriptor, isValue, yesNo } from './descriptor.ts';
import { secondsLabel, secondsUnit } from './operators.ts';
import { numericCondition } from './shapes.ts';

/** Whether a chat started now would be answered (an agent free, the estimated wait), and would be accepted. */

type Leaf<T extends LeafCondition['type']> = Extract<LeafCondition, { type: T }>;

export const agentAvailable: ConditionDescriptor<Leaf<'agentAvailable'>> = {
  type: 'agentAvailable',
  label: { en: 'Agent available', fr: 'Agent disponible' },
  hint: {
    en: 'An agent of the widget’s queue is available with free capacity.',
    fr: 'Un agent de la file du widget est disponible et peut prendre une discussion.',
  },
  fields: [],
  initial: { type: 'agentAvailable' },
  sentence: (_c, locale) =>
    locale === 'fr'
      ? 'un agent est disponible et peut prendre une discussion'
      : 'an agent is available with free capacity',
  subject: (_c, locale) => (locale === 'fr' ? 'agent disponible' : 'agent available'),
  actual: (_c, actual, locale) => (actual === undefined ? isValue(actual, locale) : yesNo(actual, locale)),
};

export const predictedWait = numericCondition<Leaf<'predictedWait'>>({
  type: 'predictedWait',
  label: { en: 'Predicted wait', fr: 'Attente estimée' },
  subject: { en: 'predicted wait', fr: 'attente estimée' },
  amount: { key: 'seconds', kind: 'number', label: secondsLabel, unit: secondsUnit },
  initial: { type: 'predictedWait', op: 'lt', seconds: 120 },
});

export const predictedAcceptance = numericCondition<Leaf<'predictedAcceptance'>>({
  type: 'predictedAcceptance',
  label: { en: 'Predicted acceptance', fr: 'Acceptation prévue' },
  subject: { en: 'predicted acceptance', fr: 'acceptation prévue' },
  amount: {
    key: 'percent',
    kind: 'number',
    label: { en: 'Percent', fr: 'Pourcentage' },
    unit: { en: '%', fr: '%' },
  },
  initial: { type: 'predictedAcceptance', op: 'gte', percent: 10 },
});
