import type { LeafCondition } from '@beckon/protocol';
import type { LeafCheck } from '../types.ts';
import type { Compilers } from './compiler.ts';
import { textMatcher } from './text-match.ts';

type PageTitleCondition = Extract<LeafCondition, { type: 'pageTitle' }>;

/** The current page's title, compared case-insensitively. */
export function compilePageTitle(condition: PageTitleCondition): LeafCheck {
  const matches = textMatcher(condition.op, condition.value, true);
  return (facts) => ({ ok: matches(facts.page.title), actual: facts.page.title });
}

/** This module's condition types, for the engine's registry (compile-leaf.ts). */
export const compilers: Compilers<'pageTitle'> = { pageTitle: compilePageTitle };
