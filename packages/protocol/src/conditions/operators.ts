import type { Choice } from './descriptor.ts';

/** The operator sets several condition types share; `symbol` is the word used inside a sentence. */

export const numericOperators: readonly Choice[] = [
  { value: 'gte', label: { en: 'at least (≥)', fr: 'au moins (≥)' }, symbol: { en: '≥', fr: '≥' } },
  { value: 'gt', label: { en: 'more than (>)', fr: 'plus de (>)' }, symbol: { en: '>', fr: '>' } },
  { value: 'lte', label: { en: 'at most (≤)', fr: 'au plus (≤)' }, symbol: { en: '≤', fr: '≤' } },
  { value: 'lt', label: { en: 'less than (<)', fr: 'moins de (<)' }, symbol: { en: '<', fr: '<' } },
  { value: 'eq', label: { en: 'exactly (=)', fr: 'exactement (=)' }, symbol: { en: '=', fr: '=' } },
];

export const textOperators: readonly Choice[] = [
  { value: 'equals', label: { en: 'equals', fr: 'est égal à' } },
  { value: 'startsWith', label: { en: 'starts with', fr: 'commence par' } },
  { value: 'contains', label: { en: 'contains', fr: 'contient' } },
  {
    value: 'wildcard',
    label: { en: 'matches pattern (* and ?)', fr: 'correspond au motif (* et ?)' },
    symbol: { en: 'matches', fr: 'correspond à' },
  },
];

export const listOperators: readonly Choice[] = [
  { value: 'in', label: { en: 'is one of', fr: 'est l’un de' }, symbol: { en: 'in', fr: 'dans' } },
  {
    value: 'notIn',
    label: { en: 'is none of', fr: 'n’est aucun de' },
    symbol: { en: 'not in', fr: 'hors de' },
  },
];

export const contextOperators: readonly Choice[] = [
  { value: 'eq', label: { en: '=', fr: '=' }, symbol: { en: 'eq', fr: '=' } },
  { value: 'neq', label: { en: '≠', fr: '≠' }, symbol: { en: 'neq', fr: '≠' } },
  { value: 'lt', label: { en: '<', fr: '<' }, symbol: { en: 'lt', fr: '<' } },
  { value: 'lte', label: { en: '≤', fr: '≤' }, symbol: { en: 'lte', fr: '≤' } },
  { value: 'gt', label: { en: '>', fr: '>' }, symbol: { en: 'gt', fr: '>' } },
  { value: 'gte', label: { en: '≥', fr: '≥' }, symbol: { en: 'gte', fr: '≥' } },
  { value: 'contains', label: { en: 'contains', fr: 'contient' } },
  { value: 'exists', label: { en: 'exists', fr: 'existe' } },
];

export const customerOperators: readonly Choice[] = [
  { value: 'eq', label: { en: '=', fr: '=' }, symbol: { en: 'eq', fr: '=' } },
  { value: 'neq', label: { en: '≠', fr: '≠' }, symbol: { en: 'neq', fr: '≠' } },
  { value: 'contains', label: { en: 'contains', fr: 'contient' } },
  { value: 'exists', label: { en: 'is set', fr: 'est renseigné' } },
];

export const operatorLabel = { en: 'Operator', fr: 'Opérateur' } as const;
export const secondsLabel = { en: 'Seconds', fr: 'Secondes' } as const;
export const secondsUnit = { en: 's', fr: 's' } as const;
