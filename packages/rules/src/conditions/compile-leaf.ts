import type { LeafCondition } from '@beckon/protocol';
import type { LeafCheck } from '../types.ts';
import { compilers as audience } from './audience.ts';
import { compilers as capacity } from './capacity.ts';
import type { Compilers } from './compiler.ts';
import { compilers as context } from './context.ts';
import { compilers as country } from './country.ts';
import { compilers as currentUrl } from './current-url.ts';
import { compilers as event } from './event.ts';
import { compilers as executionWindow } from './execution-window.ts';
import { compilers as identity } from './identity.ts';
import { compilers as operatingHours } from './operating-hours.ts';
import { compilers as pageTitle } from './page-title.ts';
import { compilers as pagesViewed } from './pages-viewed.ts';
import { compilers as predictedAcceptance } from './predicted-acceptance.ts';
import { compilers as referrer } from './referrer.ts';
import { compilers as signals } from './signals.ts';
import { compilers as timeOnPage } from './time-on-page.ts';
import { compilers as timeOnSite } from './time-on-site.ts';
import { compilers as timeSince } from './time-since.ts';
import { compilers as urlFunnel } from './url-funnel.ts';
import { compilers as urlVisited } from './url-visited.ts';
import { compilers as utm } from './utm.ts';
import { compilers as visitCount } from './visit-count.ts';

/**
 * Every condition module's `compilers`, gathered. Each module says which condition types it compiles; the
 * type below makes a condition type without a compiler (or a module left out here) a compile error.
 */
const registry: Compilers<LeafCondition['type']> = {
  ...audience,
  ...capacity,
  ...context,
  ...country,
  ...currentUrl,
  ...event,
  ...executionWindow,
  ...identity,
  ...operatingHours,
  ...pageTitle,
  ...pagesViewed,
  ...predictedAcceptance,
  ...referrer,
  ...signals,
  ...timeOnPage,
  ...timeOnSite,
  ...timeSince,
  ...urlFunnel,
  ...urlVisited,
  ...utm,
  ...visitCount,
};

export function compileLeaf(condition: LeafCondition): LeafCheck {
  const type = (condition as { type: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(registry, type)) {
    throw new TypeError(`unknown condition type '${String(type)}'`);
  }
  const compile = registry[condition.type] as (condition: LeafCondition) => LeafCheck;
  return compile(condition);
}
