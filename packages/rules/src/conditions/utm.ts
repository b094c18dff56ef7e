import type { LeafCondition } from '@beckon/protocol';
import type { LeafCheck, VisitorFacts } from '../types.ts';
import type { Compilers } from './compiler.ts';
import { textMatcher } from './text-match.ts';

type UtmCondition = Extract<LeafCondition, { type: 'utm' }>;

/** The utm_source / utm_medium / utm_campaign parameters of a landing URL (absent ones left out). */
export function utmOf(landingUrl: string | undefined): NonNullable<VisitorFacts['utm']> {
  const utm: NonNullable<VisitorFacts['utm']> = {};
  if (!landingUrl) return utm;
  const query = landingUrl.split('#', 1)[0]?.split('?').slice(1).join('?') ?? '';
  for (const pair of query.split('&')) {
    const [rawKey = '', rawValue = ''] = pair.split('=', 2);
    const key = decode(rawKey);
    if (key !== 'utm_source' && key !== 'utm_medium' && key !== 'utm_campaign') continue;
    const value = decode(rawValue);
    const name = key.slice(4) as 'source' | 'medium' | 'campaign';
    if (value && utm[name] === undefined) utm[name] = value.slice(0, 256);
  }
  return utm;
}

/** A UTM parameter of the visit's landing page, case-insensitive; a missing one matches nothing. */
export function compileUtm(condition: UtmCondition): LeafCheck {
  const matches = textMatcher(condition.op, condition.value, true);
  return (facts) => {
    const actual = facts.utm?.[condition.param];
    return { ok: actual !== undefined && matches(actual), actual };
  };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'utm'> = { utm: compileUtm };
