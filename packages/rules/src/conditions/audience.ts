import type { LeafCondition } from '@beckon/protocol';
import type { LeafCheck } from '../types.ts';
import type { Compilers } from './compiler.ts';
import { listMatcher } from './text-match.ts';

type LanguageCondition = Extract<LeafCondition, { type: 'language' }>;
type ListCondition = Extract<LeafCondition, { type: 'device' | 'browser' | 'region' | 'city' }>;

/** A primary tag ("fr") matches every variant of it ("fr-CA"); a full tag only itself. Case-insensitive. */
export function compileLanguage(condition: LanguageCondition): LeafCheck {
  const tags = condition.values.map((tag) => tag.toLowerCase());
  const wanted = condition.op === 'in';
  return (facts) => {
    const actual = facts.language.toLowerCase();
    const primary = actual.split('-')[0];
    const listed = tags.some((tag) => tag === actual || (!tag.includes('-') && tag === primary));
    return { ok: listed === wanted, actual: facts.language };
  };
}

/** Device type, browser family, region and city: `in` / `notIn` a list, case-insensitive. */
export function compileListCondition(condition: ListCondition): LeafCheck {
  const matches = listMatcher(condition.op, condition.values);
  switch (condition.type) {
    case 'device':
      return (facts) => ({ ok: matches(facts.device?.type), actual: facts.device?.type });
    case 'browser':
      return (facts) => ({ ok: matches(facts.device?.browser), actual: facts.device?.browser });
    case 'region':
      return (facts) => ({ ok: matches(facts.location.region), actual: facts.location.region });
    case 'city':
      return (facts) => ({ ok: matches(facts.location.city), actual: facts.location.city });
  }
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'language' | 'device' | 'browser' | 'region' | 'city'> = {
  language: compileLanguage,
  device: compileListCondition,
  browser: compileListCondition,
  region: compileListCondition,
  city: compileListCondition,
};
