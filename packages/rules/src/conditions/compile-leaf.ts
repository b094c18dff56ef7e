import type { LeafCondition } from '@beckon/protocol';
import type { LeafCheck } from '../types.ts';
import { compileLanguage, compileListCondition } from './audience.ts';
import { compileAgentAvailable, compilePredictedWait } from './capacity.ts';
import { compileContext } from './context.ts';
import { compileCountry } from './country.ts';
import { compileCurrentUrl } from './current-url.ts';
import { compileEvent } from './event.ts';
import { compileExecutionWindow } from './execution-window.ts';
import { compileAuthenticated, compileCustomer } from './identity.ts';
import { compileOperatingHours } from './operating-hours.ts';
import { compilePageTitle } from './page-title.ts';
import { compilePagesViewed } from './pages-viewed.ts';
import { compileReferrer } from './referrer.ts';
import { compileExitIntent, compileIdleTime, compileScrollDepth } from './signals.ts';
import { compileTimeOnPage } from './time-on-page.ts';
import { compileTimeOnSite } from './time-on-site.ts';
import { compileTimeSince } from './time-since.ts';
import { compileUrlFunnel } from './url-funnel.ts';
import { compileUrlVisited } from './url-visited.ts';
import { compileUtm } from './utm.ts';
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
    case 'operatingHours':
      return compileOperatingHours(condition);
    case 'pageTitle':
      return compilePageTitle(condition);
    case 'urlVisited':
      return compileUrlVisited(condition);
    case 'urlFunnel':
      return compileUrlFunnel(condition);
    case 'referrer':
      return compileReferrer(condition);
    case 'utm':
      return compileUtm(condition);
    case 'pagesViewed':
      return compilePagesViewed(condition);
    case 'timeSinceLastVisit':
    case 'timeSinceLastChat':
      return compileTimeSince(condition);
    case 'authenticated':
      return compileAuthenticated(condition);
    case 'customer':
      return compileCustomer(condition);
    case 'event':
      return compileEvent(condition);
    case 'language':
      return compileLanguage(condition);
    case 'device':
    case 'browser':
    case 'region':
    case 'city':
      return compileListCondition(condition);
    case 'exitIntent':
      return compileExitIntent();
    case 'scrollDepth':
      return compileScrollDepth(condition);
    case 'idleTime':
      return compileIdleTime(condition);
    case 'agentAvailable':
      return compileAgentAvailable();
    case 'predictedWait':
      return compilePredictedWait(condition);
    default:
      throw new TypeError(`unknown condition type '${(condition as { type: unknown }).type}'`);
  }
}
