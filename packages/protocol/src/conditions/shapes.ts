import type { LeafCondition } from '../rule.ts';
import {
  type Choice,
  type ConditionDescriptor,
  type FieldDescriptor,
  isValue,
  type Locale,
  say,
  symbolOf,
  type Text,
} from './descriptor.ts';
import { listOperators, numericOperators, operatorLabel, textOperators } from './operators.ts';

/** Builders for the shapes many condition types share: a number compared, a text matched, a list. */

type NumericLeaf = Extract<LeafCondition, { op: 'gte' | 'gt' | 'lte' | 'lt' | 'eq' }>;
type ListLeaf = Extract<LeafCondition, { type: 'country' | 'language' | 'browser' | 'region' | 'city' }>;

export const opField = (options: readonly Choice[]): FieldDescriptor => ({
  key: 'op',
  kind: 'select',
  label: operatorLabel,
  options,
});

/** `<subject> <op> <amount><unit>`, e.g. "time on page ≥ 30 s". */
export function numericCondition<C extends NumericLeaf>(spec: {
  type: C['type'];
  label: Text;
  subject: Text;
  amount: FieldDescriptor;
  initial: C;
}): ConditionDescriptor<C> {
  const key = spec.amount.key as keyof C;
  const unit = (locale: Locale) => (spec.amount.unit ? unitText(say(spec.amount.unit, locale)) : '');
  return {
    type: spec.type,
    label: spec.label,
    fields: [opField(numericOperators), spec.amount],
    initial: spec.initial,
    sentence: (c, locale) =>
      `${say(spec.subject, locale)} ${symbolOf(numericOperators, c.op, locale)} ${String(c[key])}${unit(locale)}`,
    subject: (_c, locale) => say(spec.subject, locale),
    actual: (_c, actual, locale) => isValue(actual, locale, unit(locale)),
  };
}

/** A percent sign sticks to its number; other units follow a space. */
function unitText(unit: string): string {
  return unit === '%' ? '%' : ` ${unit}`;
}

export function textSentence(subject: string, op: string, value: string, locale: Locale): string {
  return `${subject} ${symbolOf(textOperators, op, locale)} '${value}'`;
}

/** `<subject> in [A, B]`: country, language, browser, region, city. */
export function listCondition<C extends ListLeaf>(spec: {
  type: C['type'];
  label: Text;
  subject: Text;
  values: FieldDescriptor;
  initial: C;
  /** Codes read fine bare ("country is FR"); free names are quoted. */
  bareActual?: boolean;
}): ConditionDescriptor<C> {
  return {
    type: spec.type,
    label: spec.label,
    fields: [opField(listOperators), spec.values],
    initial: spec.initial,
    sentence: (c, locale) =>
      `${say(spec.subject, locale)} ${symbolOf(listOperators, c.op, locale)} [${c.values.join(', ')}]`,
    subject: (_c, locale) => say(spec.subject, locale),
    actual: (_c, actual, locale) => isValue(actual, locale, '', !spec.bareActual),
  };
}
