import type { LeafCondition } from '@beckon/protocol';
import type { LeafCheck } from '../types.ts';
import type { Compilers } from './compiler.ts';
import { textMatcher } from './text-match.ts';

type ReferrerCondition = Extract<LeafCondition, { type: 'referrer' }>;

/** The host of a URL, lower case, or undefined when it is not an absolute URL. */
export function hostOf(url: string): string | undefined {
  const scheme = url.indexOf('://');
  if (scheme <= 0) return undefined;
  let authority = url.slice(scheme + 3).split(/[/?#]/, 1)[0] ?? '';
  authority = authority.slice(authority.lastIndexOf('@') + 1);
  const host = authority.startsWith('[')
    ? authority.slice(0, authority.indexOf(']') + 1)
    : authority.split(':')[0];
  return host ? host.toLowerCase() : undefined;
}

/** The visit's referrer: `host` compares the host name (case-insensitive), `url` the full URL. */
export function compileReferrer(condition: ReferrerCondition): LeafCheck {
  const byHost = condition.part === 'host';
  const matches = textMatcher(condition.op, condition.value, byHost);
  return (facts) => {
    const referrer = facts.visit.referrer || undefined;
    const actual = referrer === undefined ? undefined : byHost ? hostOf(referrer) : referrer;
    return { ok: actual !== undefined && matches(actual), actual };
  };
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'referrer'> = { referrer: compileReferrer };
