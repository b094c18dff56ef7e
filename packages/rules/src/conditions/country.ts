import type { LeafCondition } from '@beckon/protocol';
import type { LeafCheck, LeafResult, VisitorFacts } from '../types.ts';
import type { Compilers } from './compiler.ts';

type CountryCondition = Extract<LeafCondition, { type: 'country' }>;

/** An unknown country is in no list, so `notIn` matches it and `in` does not. */
export function compileCountry(condition: CountryCondition): LeafCheck {
  const codes = new Set(condition.values.map((code) => code.toUpperCase()));
  const wanted = condition.op === 'in';
  return (facts) => {
    const country = facts.location.country;
    const listed = country !== undefined && codes.has(country.toUpperCase());
    return { ok: listed === wanted, actual: country };
  };
}

export function checkCountry(condition: CountryCondition, facts: VisitorFacts, _now?: number): LeafResult {
  return compileCountry(condition)(facts, 0);
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'country'> = { country: compileCountry };
