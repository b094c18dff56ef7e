import type { LeafCondition } from '@beckon/protocol';
import type { LeafCheck, LeafResult, VisitorFacts } from '../types.ts';
import { compileWildcard } from '../wildcard.ts';
import type { Compilers } from './compiler.ts';

type CurrentUrlCondition = Extract<LeafCondition, { type: 'currentUrl' }>;

/**
 * A value starting with '/' is compared with the page's path alone (no query string, no fragment), because
 * that is what admins mean by '/pricing' whatever tracking parameters the link carried. Any other value is
 * compared with the full URL. All comparisons are case-sensitive.
 */
export function compileCurrentUrl(condition: CurrentUrlCondition): LeafCheck {
  const { op, value } = condition;
  const subjectOf = value.startsWith('/') ? pathOf : fullUrl;
  const matches = matcherFor(op, value);
  return (facts) => {
    const actual = subjectOf(facts.page.url);
    return { ok: matches(actual), actual };
  };
}

export function checkCurrentUrl(
  condition: CurrentUrlCondition,
  facts: VisitorFacts,
  _now?: number,
): LeafResult {
  return compileCurrentUrl(condition)(facts, 0);
}

function matcherFor(op: CurrentUrlCondition['op'], value: string): (subject: string) => boolean {
  switch (op) {
    case 'equals':
      return (subject) => subject === value;
    case 'startsWith':
      return (subject) => subject.startsWith(value);
    case 'contains':
      return (subject) => subject.includes(value);
    case 'wildcard':
      return compileWildcard(value);
  }
}

function fullUrl(url: string): string {
  return url;
}

let lastUrl = '';
let lastPath = '';

/** The path of an absolute or root-relative URL; memoised because every rule asks about the same URL. */
export function pathOf(url: string): string {
  if (url === lastUrl) return lastPath;
  const scheme = url.indexOf('://');
  let start = 0;
  if (scheme >= 0) {
    start = scheme + 3;
    while (start < url.length && !isPathEnd(url.charCodeAt(start))) start++;
  }
  let end = start;
  while (end < url.length) {
    const code = url.charCodeAt(end);
    if (code === 63 || code === 35) break; // '?' or '#'
    end++;
  }
  const path = end > start ? url.slice(start, end) : '/';
  lastUrl = url;
  lastPath = path;
  return path;
}

function isPathEnd(code: number): boolean {
  return code === 47 || code === 63 || code === 35; // '/', '?', '#'
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'currentUrl'> = { currentUrl: compileCurrentUrl };
