import type { LeafCondition } from '@beckon/protocol';
import type { LeafCheck, VisitorFacts } from '../types.ts';
import type { Compilers } from './compiler.ts';
import { pathOf } from './current-url.ts';
import { textMatcher } from './text-match.ts';

type UrlVisitedCondition = Extract<LeafCondition, { type: 'urlVisited' }>;

/** The visit's pages in order, the current one last. */
export function visitUrlsOf(facts: VisitorFacts): readonly string[] {
  return facts.visitUrls ?? [facts.page.url];
}

/** A URL test as `currentUrl` does it: a value starting with '/' is compared with the path alone. */
export function urlMatcher(op: UrlVisitedCondition['op'], value: string): (url: string) => boolean {
  const matches = textMatcher(op, value);
  return value.startsWith('/') ? (url) => matches(pathOf(url)) : matches;
}

/** Some page of this visit before the current page view matches. `actual` is those earlier URLs. */
export function compileUrlVisited(condition: UrlVisitedCondition): LeafCheck {
  const matches = urlMatcher(condition.op, condition.value);
  return (facts) => {
    const urls = visitUrlsOf(facts);
    const earlier = urls.slice(0, -1);
    return { ok: earlier.some(matches), actual: earlier };
  };
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'urlVisited'> = { urlVisited: compileUrlVisited };
