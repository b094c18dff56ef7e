import type { LeafCondition } from '@beckon/protocol';
import type { LeafCheck } from '../types.ts';
import { compileContext } from './context.ts';
import { compileCountry } from './country.ts';
import { compileCurrentUrl } from './current-url.ts';
import { compileExecutionWindow } from './execution-window.ts';
import { compileTimeOnPage } from './time-on-page.ts';
import { compileTimeOnSite } from './time-on-site.ts';
import { compileVisitCount } from './visit-count.ts';

/** The one place that knows every leaf type; a new condition type is a new module plus one case here. */
export function compileLeaf(condition: LeafCondition): LeafCheck {
  switch (condition.type) {
    case 'currentUrl':
      return compileCurrentUrl(condition);
    case 'timeOnPage':
      return compileTimeOnPage(condition);
    case 'timeOnSite':
      return compileTimeOnSite(condition);
    case 'visitCount':
      return compileVisitCount(condition);
    case 'executionWindow':
      return compileExecutionWindow(condition);
    case 'country':
      return compileCountry(condition);
    case 'context':
      return compileContext(condition);
    default:
      throw new TypeError(`unknown condition type '${(condition as { type: unknown }).type}'`);
  }
}
