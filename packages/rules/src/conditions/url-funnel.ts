import type { LeafCondition } from '@beckon/protocol';
import type { LeafCheck } from '../types.ts';
import type { Compilers } from './compiler.ts';
import { urlMatcher, visitUrlsOf } from './url-visited.ts';

type UrlFunnelCondition = Extract<LeafCondition, { type: 'urlFunnel' }>;

/**
 * The visit's pages (current included) contain the steps in order, other pages allowed between them. Each
 * step is a wildcard pattern, compared with the path when it starts with '/'. `actual` is how many steps
 * were reached.
 */
export function compileUrlFunnel(condition: UrlFunnelCondition): LeafCheck {
  const steps = condition.steps.map((step) => urlMatcher('wildcard', step));
  return (facts) => {
    let reached = 0;
    for (const url of visitUrlsOf(facts)) {
      if (reached < steps.length && (steps[reached] as (url: string) => boolean)(url)) reached++;
    }
    return { ok: reached === steps.length, actual: reached };
  };
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'urlFunnel'> = { urlFunnel: compileUrlFunnel };
