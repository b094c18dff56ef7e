import type { LeafCondition } from '../rule.ts';
import { type ConditionDescriptor, isValue, symbolOf, yesNo } from './descriptor.ts';
import { contextOperators, customerOperators, operatorLabel } from './operators.ts';

/** What the site tells about the visitor: signed in, the linked customer record, page context variables. */

type Leaf<T extends LeafCondition['type']> = Extract<LeafCondition, { type: T }>;

export const authenticated: ConditionDescriptor<Leaf<'authenticated'>> = {
  type: 'authenticated',
  label: { en: 'Signed in', fr: 'Connecté' },
  fields: [
    {
      key: 'value',
      kind: 'boolean',
      label: { en: 'Visitor', fr: 'Le visiteur' },
      options: [
        { value: 'true', label: { en: 'is signed in', fr: 'est connecté' } },
        { value: 'false', label: { en: 'is not signed in', fr: 'n’est pas connecté' } },
      ],
    },
  ],
  initial: { type: 'authenticated', value: true },
  sentence: (c, locale) =>
    locale === 'fr'
      ? c.value
        ? 'le visiteur est connecté'
        : 'le visiteur n’est pas connecté'
      : c.value
        ? 'visitor is signed in'
        : 'visitor is not signed in',
  subject: (_c, locale) => (locale === 'fr' ? 'connecté' : 'authenticated'),
  actual: (_c, actual, locale) => (actual === undefined ? isValue(actual, locale) : yesNo(actual, locale)),
};

const customerFields = [
  { value: 'name', label: { en: 'name', fr: 'nom' } },
  { value: 'email', label: { en: 'email', fr: 'e-mail' } },
  { value: 'phone', label: { en: 'phone', fr: 'téléphone' } },
  { value: 'company', label: { en: 'company', fr: 'société' } },
  { value: 'externalId', label: { en: 'external id', fr: 'identifiant externe' } },
] as const;

export const customer: ConditionDescriptor<Leaf<'customer'>> = {
  type: 'customer',
  label: { en: 'Customer record field', fr: 'Champ de la fiche client' },
  fields: [
    { key: 'field', kind: 'select', label: { en: 'Field', fr: 'Champ' }, options: customerFields },
    { key: 'op', kind: 'select', label: operatorLabel, options: customerOperators },
    {
      key: 'value',
      kind: 'text',
      label: { en: 'Value', fr: 'Valeur' },
      placeholder: 'ACME',
      hiddenWhen: { key: 'op', value: 'exists' },
    },
  ],
  initial: { type: 'customer', field: 'company', op: 'eq', value: '' },
  sentence: (c, locale) => {
    const subject = customer.subject(c, locale);
    if (c.op === 'exists') return `${subject} ${locale === 'fr' ? 'est renseigné' : 'is set'}`;
    return `${subject} ${symbolOf(customerOperators, c.op, locale)} '${c.value ?? ''}'`;
  },
  subject: (c, locale) =>
    locale === 'fr'
      ? `client : ${customerFields.find((f) => f.value === c.field)?.label.fr ?? c.field}`
      : `customer ${c.field}`,
  actual: (_c, actual, locale) => isValue(actual, locale, '', true),
};

export const context: ConditionDescriptor<Leaf<'context'>> = {
  type: 'context',
  label: { en: 'Context variable', fr: 'Variable de contexte' },
  fields: [
    { key: 'name', kind: 'text', label: { en: 'Variable', fr: 'Variable' }, placeholder: 'plan' },
    { key: 'op', kind: 'select', label: operatorLabel, options: contextOperators },
    {
      key: 'value',
      kind: 'typedValue',
      label: { en: 'Value', fr: 'Valeur' },
      optional: true,
      hiddenWhen: { key: 'op', value: 'exists' },
    },
  ],
  initial: { type: 'context', name: '', op: 'eq', value: '' },
  sentence: (c, locale) => {
    const subject = context.subject(c, locale);
    if (c.op === 'exists') return `${subject} ${locale === 'fr' ? 'existe' : 'exists'}`;
    return `${subject} ${symbolOf(contextOperators, c.op, locale)} ${JSON.stringify(c.value)}`;
  },
  subject: (c, locale) => `${locale === 'fr' ? 'contexte' : 'context'} '${c.name}'`,
  actual: (_c, actual, locale) =>
    actual === undefined
      ? locale === 'fr'
        ? 'est absent'
        : 'is missing'
      : `${locale === 'fr' ? 'est' : 'is'} ${JSON.stringify(actual)}`,
};
