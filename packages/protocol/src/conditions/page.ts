import type { LeafCondition } from '../rule.ts';
import type { ConditionDescriptor, Locale } from './descriptor.ts';
import { isValue } from './descriptor.ts';
import { textOperators } from './operators.ts';
import { opField, textSentence } from './shapes.ts';

/** The page the visitor is on: its URL and its title. */

type Leaf<T extends LeafCondition['type']> = Extract<LeafCondition, { type: T }>;

/** A value starting with '/' is compared with the path alone, so the sentence says so. */
export function urlSubject(value: string, locale: Locale): string {
  if (locale === 'fr') return value.startsWith('/') ? 'chemin de la page' : 'URL de la page';
  return value.startsWith('/') ? 'page path' : 'page URL';
}

export const currentUrl: ConditionDescriptor<Leaf<'currentUrl'>> = {
  type: 'currentUrl',
  label: { en: 'Current URL', fr: 'URL actuelle' },
  fields: [
    opField(textOperators),
    { key: 'value', kind: 'urlPattern', label: { en: 'URL', fr: 'URL' }, placeholder: '/pricing' },
  ],
  initial: { type: 'currentUrl', op: 'contains', value: '' },
  sentence: (c, locale) => textSentence(urlSubject(c.value, locale), c.op, c.value, locale),
  subject: (c, locale) => urlSubject(c.value, locale),
  actual: (_c, actual, locale) => isValue(actual, locale, '', true),
};

export const pageTitle: ConditionDescriptor<Leaf<'pageTitle'>> = {
  type: 'pageTitle',
  label: { en: 'Page title', fr: 'Titre de la page' },
  fields: [
    opField(textOperators),
    { key: 'value', kind: 'text', label: { en: 'Value', fr: 'Valeur' }, placeholder: 'Checkout' },
  ],
  initial: { type: 'pageTitle', op: 'contains', value: '' },
  sentence: (c, locale) => textSentence(pageTitle.subject(c, locale), c.op, c.value, locale),
  subject: (_c, locale) => (locale === 'fr' ? 'titre de la page' : 'page title'),
  actual: (_c, actual, locale) => isValue(actual, locale, '', true),
};
