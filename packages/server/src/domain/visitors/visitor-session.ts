import type { Context, Device, Location, PageInfo } from '@beckon/protocol';
import type { VisitorFacts } from '@beckon/rules';
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
    visitorName: session.visitorName,
  };
}
