import type { VisitorClientFrame, visitorHelloSchema } from '@beckon/protocol';
import { type ContextProblem, normalizeContext, type PageInfo } from '@beckon/protocol';
import type { TrackedEvent } from '@beckon/rules';
import type { z } from 'zod';
import type { Clock } from '../../ports/clock.ts';
import type { Geo } from '../../ports/geo.ts';
import type { Ids } from '../../ports/ids.ts';
import type { PageViewRow, Store, VisitorRow, WidgetRow } from '../../ports/store.ts';
import { freshSignals, maxTrackedEvents, trackEvent } from './browser-signals.ts';
import { scrubPage } from './page-url-scrub.ts';
import { VisitEvents } from './visit-events.ts';
import { hashSecret, newSecret, secretMatches } from './visitor-credentials.ts';
import type { VisitorSession } from './visitor-session.ts';

/** A visit ends after 30 minutes without activity, as web analytics count it. */
export const visitIdleMs = 30 * 60 * 1000;

/** Page URLs kept per connection for the visited-URL and funnel conditions. */
export const maxVisitUrls = 500;

type Hello = z.infer<typeof visitorHelloSchema>;
type TrackFrame = Extract<VisitorClientFrame, { type: 'track' }>;

/** Journeys: visitors, visits and page views. */
export class VisitorsService {
  /** `Beckon.track()` events per visit, shared by the visitor's tabs on this node. */
  readonly visitEvents = new VisitEvents();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly geo: Geo,
  ) {}

  async hello(
    widget: WidgetRow,
    raw: Hello,
    ip: string,
    /** A visitor the connection already proved it is (a chat-window handover). */
    handedOver?: string,
  ): Promise<{ session: VisitorSession; problems: ContextProblem[]; secret?: string }> {
    const now = this.clock.now();
    // Page URLs are scrubbed before anything keeps or shows them.
    const hello = { ...raw, page: scrubPage(raw.page, widget.urlParamDenyList) };
    const { visitor, secret } = await this.resolveVisitor(widget, hello, handedOver, now);
    const tracking = !widget.consentRequired || hello.consent === true;
    // Without consent the page's context is not kept either; an explicit chat sends its own with chat.start.
    const { context, problems } = normalizeContext((tracking && hello.context) || {});
    const view = tracking ? await this.recordView(visitor.id, hello.page, now) : undefined;
    // A visitor this hello created has no journey before this view: nothing to read back.
    const created = secret !== undefined;
    const views =
      view && created
        ? [view]
        : view
          ? await this.store.listPageViews(visitor.id, visitor.visitStartedAt)
          : [];
    const previous =
      view && !created ? await this.store.lastPageViewBefore(visitor.id, visitor.visitStartedAt) : undefined;
    const session: VisitorSession = {
      connectionId: this.ids.next('con'),
      visitorId: visitor.id,
      widget,
      language: hello.language,
      timeZone: hello.timeZone,
      device: hello.device,
      location: this.geo.locate(ip),
      context,
      authenticated: false,
      visitorName: visitor.name,
      page: { ...hello.page, startedAt: now },
      visit: {
        startedAt: visitor.visitStartedAt,
        number: visitor.visitCount,
        pagesViewed: views.length,
        referrer: views[0]?.referrer,
      },
      tracking,
      visitUrls: views.map((view) => view.url),
      lastVisitAt: previous?.at,
      events: await this.joinVisitEvents(visitor.id, visitor.visitStartedAt, tracking && !created),
      signals: freshSignals(now),
    };
    return { session, problems, ...(secret && { secret }) };
  }

  /**
   * The page gave (or withdrew) consent on a consent-mode widget. Given: the current page view is recorded
   * from now, as if the visitor had just arrived on it. Withdrawn: nothing more is recorded.
   */
  async consent(session: VisitorSession, granted: boolean): Promise<void> {
    if (!session.widget.consentRequired || session.tracking === granted) return;
    session.tracking = granted;
    if (!granted) return;
    const now = this.clock.now();
    await this.recordView(session.visitorId, session.page, now);
    session.page = { ...session.page, startedAt: now };
    session.visit.pagesViewed += 1;
    session.visitUrls = [session.page.url];
    session.signals = freshSignals(now);
  }

  async pageView(session: VisitorSession, reported: PageInfo): Promise<void> {
    // Without consent the page is not kept, not even in memory: the journey starts at consent.
    if (!session.tracking) return;
    const page = scrubPage(reported, session.widget.urlParamDenyList);
    const now = this.clock.now();
    const visitor = await this.store.getVisitor(session.visitorId);
    let seen: VisitorRow | undefined;
    if (visitor && now - visitor.lastSeenAt > visitIdleMs) {
      seen = { ...visitor, visitCount: visitor.visitCount + 1, visitStartedAt: now, lastSeenAt: now };
      this.visitEvents.leave(session.visitorId, session.visit.startedAt);
      session.visit = {
        startedAt: now,
        number: visitor.visitCount + 1,
        pagesViewed: 0,
        referrer: page.referrer,
      };
      session.visitUrls = [];
      session.lastVisitAt = visitor.lastSeenAt;
      // A new visit starts with no events: nothing to load.
      session.events = await this.visitEvents.join(session.visitorId, now, async () => []);
    } else if (visitor) {
      seen = { ...visitor, lastSeenAt: now };
    }
    // The visitor's new state and the view in one durable commit.
    await this.store.recordPageView(this.pageViewRow(session.visitorId, page, now), seen);
    session.page = { ...page, startedAt: now };
    session.visit.pagesViewed += 1;
    session.visitUrls.push(page.url);
    // Bounded: the landing page (UTM) stays, the oldest pages after it go first.
    if (session.visitUrls.length > maxVisitUrls) session.visitUrls.splice(1, 1);
    session.signals = freshSignals(now);
  }

  private async recordView(visitorId: string, page: PageInfo, at: number): Promise<PageViewRow> {
    const view = this.pageViewRow(visitorId, page, at);
    await this.store.recordPageView(view);
    return view;
  }

  private pageViewRow(visitorId: string, page: PageInfo, at: number): PageViewRow {
    return {
      id: this.ids.next('pgv'),
      visitorId,
      url: page.url,
      title: page.title,
      referrer: page.referrer,
      at,
    };
  }

  /**
   * `Beckon.track(name, props)`: stored for the visit, then a fact for every tab of the visitor on this node.
   * Nothing is kept without consent.
   */
  async track(session: VisitorSession, frame: TrackFrame): Promise<void> {
    if (!session.tracking) return;
    await this.store.addVisitEvent({
      id: this.ids.next('vev'),
      visitorId: session.visitorId,
      visitStartedAt: session.visit.startedAt,
      name: frame.name,
      ...(frame.props && { props: frame.props }),
      at: this.clock.now(),
    });
    trackEvent(session, frame);
  }

  /** The tab closed: it no longer holds its visit's tracked events. */
  leave(session: VisitorSession): void {
    this.visitEvents.leave(session.visitorId, session.visit.startedAt);
  }

  /**
   * Joins the visit's shared events; the first tab on this node loads the stored ones (none without consent, or
   * when `load` is false: a visit of a visitor just created has none).
   */
  private joinVisitEvents(visitorId: string, visitStartedAt: number, load: boolean): Promise<TrackedEvent[]> {
    return this.visitEvents.join(visitorId, visitStartedAt, async () => {
      if (!load) return [];
      const stored = await this.store.listVisitEvents(visitorId, visitStartedAt, maxTrackedEvents);
      return stored.map(({ name, props }) => (props ? { name, props } : { name }));
    });
  }

  updateContext(session: VisitorSession, raw: Record<string, unknown>): ContextProblem[] {
    const { context, problems } = normalizeContext(raw);
    session.context = context;
    return problems;
  }

  async touch(session: VisitorSession): Promise<void> {
    const visitor = await this.store.getVisitor(session.visitorId);
    if (visitor) await this.store.updateVisitor({ ...visitor, lastSeenAt: this.clock.now() });
  }

  /**
   * The visitor the hello names, if it proves it (its secret, or a handover); otherwise a new visitor with a new
   * secret, returned once for the welcome. A visitor without a stored secret (from before credentials) is never
   * resumed: its id may have leaked (recorded URLs, agents' screens), and whoever presented it first would own it.
   */
  private async resolveVisitor(
    widget: WidgetRow,
    hello: Hello,
    handedOver: string | undefined,
    now: number,
  ): Promise<{ visitor: VisitorRow; secret?: string }> {
    const visitorId = handedOver ?? hello.visitorId;
    const known = visitorId ? await this.store.getVisitor(visitorId) : undefined;
    const proven =
      known &&
      known.widgetId === widget.id &&
      (handedOver !== undefined ||
        secretMatches(hello.secret, await this.store.getVisitorSecretHash(known.id)));
    if (known && proven) {
      const newVisit = now - known.lastSeenAt > visitIdleMs;
      const updated: VisitorRow = newVisit
        ? { ...known, visitCount: known.visitCount + 1, visitStartedAt: now, lastSeenAt: now }
        : { ...known, lastSeenAt: now };
      await this.store.updateVisitor(updated);
      return { visitor: updated };
    }
    const created: VisitorRow = {
      id: this.ids.next('vis'),
      widgetId: widget.id,
      createdAt: now,
      lastSeenAt: now,
      visitCount: 1,
      visitStartedAt: now,
    };
    const secret = newSecret();
    await this.store.createVisitor(created);
    await this.store.setVisitorSecretHash(created.id, hashSecret(secret), now);
    return { visitor: created, secret };
  }
}
