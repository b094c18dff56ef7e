import type { VisitorRow } from './visitors.ts';

/** A visitor's journey: the pages they viewed and the `Beckon.track()` events of each visit. */

export interface PageViewRow {
  id: string;
  visitorId: string;
  url: string;
  title: string;
  referrer?: string;
  at: number;
}

/** One `Beckon.track(name, props)` event of a visit (the visit is named by its start). */
export interface VisitEventRow {
  id: string;
  visitorId: string;
  visitStartedAt: number;
  name: string;
  props?: Record<string, string | number | boolean>;
  at: number;
}

/** What a chat's context snapshot records of the visit. */
export interface VisitJourney {
  /** The visit's page views, oldest first. */
  pageViews: PageViewRow[];
  /** Its latest events, oldest first. */
  events: VisitEventRow[];
}

export interface JourneyStore {
  /**
   * Stores a page view and, when given, the visitor's new state (`last_seen_at`, a new visit) in ONE
   * transaction: one durable commit per page view instead of two. Nothing is written if either fails.
   */
  recordPageView(view: PageViewRow, visitor?: VisitorRow): Promise<void>;
  /** Page views of the visitor at or after `since`, oldest first. */
  listPageViews(visitorId: string, since: number): Promise<PageViewRow[]>;
  /** The visitor's latest page view strictly before `before` (the end of the previous visit), if any. */
  lastPageViewBefore(visitorId: string, before: number): Promise<PageViewRow | undefined>;
  /** Stores one `Beckon.track()` event of a visit. */
  addVisitEvent(event: VisitEventRow): Promise<void>;
  /** The visit's latest `limit` events, oldest first (events of the same millisecond in no set order). */
  listVisitEvents(visitorId: string, visitStartedAt: number, limit: number): Promise<VisitEventRow[]>;
  /**
   * `listPageViews(visitorId, visitStartedAt)` and `listVisitEvents(visitorId, visitStartedAt, eventLimit)` (none
   * when `eventLimit` is 0) in one read: a chat's opening waits for it.
   */
  getVisitJourney(visitorId: string, visitStartedAt: number, eventLimit: number): Promise<VisitJourney>;
}
