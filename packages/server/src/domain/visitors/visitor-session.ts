import type { Context, CustomerRecord, Device, Location, PageInfo } from '@beckon/protocol';
import {
  type IncrementalEvaluator,
  type Prediction,
  type TrackedEvent,
  utmOf,
  type VisitorFacts,
} from '@beckon/rules';
import type { WidgetRow } from '../../ports/store.ts';

/**
 * What a node knows about one connected visitor tab. The durable part of the journey (visitor row, page views)
 * is in the store; this adds what only the live connection has: context, device, location, identity.
 */
export interface VisitorSession {
  /** One per socket: each tab of a visitor has its own rule-check deadline. */
  connectionId: string;
  visitorId: string;
  widget: WidgetRow;
  language: string;
  timeZone?: string;
  device: Device;
  location: Location;
  context: Context;
  authenticated: boolean;
  /** `sub` of a verified site-signed token. */
  customerSub?: string;
  visitorName?: string;
  page: PageInfo & { startedAt: number };
  visit: { startedAt: number; number: number; pagesViewed: number; referrer?: string };
  /**
   * Journey tracking allowed: always, unless the widget is in consent mode and the page has not given consent.
   * Without it no page view is stored and no rule is evaluated; only an explicit chat works.
   */
  tracking: boolean;
  /** This visit's page URLs in order, the current page last; the first is the landing page (UTM). */
  visitUrls: string[];
  /** When the previous visit ended, if there was one. */
  lastVisitAt?: number;
  /** The customer record matched through the site token. */
  customer?: CustomerRecord;
  /** `Beckon.track()` events of this visit, shared with the visitor's other tabs on this node (VisitEvents). */
  events: TrackedEvent[];
  /** Set by a valid preview link: this draft rule runs for this connection only, outside analytics. */
  previewRuleId?: string;
  /** Browser signals of the current page view. */
  signals: { exitIntent: boolean; scrollDepth: number; lastActiveAt: number };
  /** The last verdict of each rule, so an event re-evaluates only the rules it can change (created lazily). */
  engine?: IncrementalEvaluator;
  /** The acceptance model's latest prediction for this visitor, when it made one. */
  prediction?: Prediction;
  /** A best-moment rule waiting on this page view: since when it matches. */
  bestMoment?: { ruleId: string; since: number; pageStartedAt: number };
}

export function factsOf(session: VisitorSession): VisitorFacts {
  const context: Record<string, string | number | boolean> = {};
  for (const [name, entry] of Object.entries(session.context)) context[name] = entry.value;
  return {
    page: { url: session.page.url, title: session.page.title, startedAt: session.page.startedAt },
    visit: {
      startedAt: session.visit.startedAt,
      pagesViewed: session.visit.pagesViewed,
      visitNumber: session.visit.number,
      referrer: session.visit.referrer,
    },
    language: session.language,
    location: session.location,
    context,
    authenticated: session.authenticated,
    operatingHours: session.widget.operatingHours ?? undefined,
    visitorName: session.visitorName,
    visitUrls: session.visitUrls,
    utm: utmOf(session.visitUrls[0]),
    lastVisitAt: session.lastVisitAt,
    customer: session.customer && {
      name: session.customer.name,
      email: session.customer.email,
      phone: session.customer.phone,
      company: session.customer.company,
      externalId: session.customer.externalId,
    },
    events: session.events,
    device: { type: session.device.type, browser: session.device.browser },
    signals: session.signals,
  };
}
