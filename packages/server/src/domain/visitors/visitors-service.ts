import type { visitorHelloSchema } from '@beckon/protocol';
import { type ContextProblem, normalizeContext, type PageInfo } from '@beckon/protocol';
import type { z } from 'zod';
import type { Clock } from '../../ports/clock.ts';
import type { Geo } from '../../ports/geo.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Store, VisitorRow, WidgetRow } from '../../ports/store.ts';
import type { VisitorSession } from './visitor-session.ts';

/** A visit ends after 30 minutes without activity, as web analytics count it. */
export const visitIdleMs = 30 * 60 * 1000;

type Hello = z.infer<typeof visitorHelloSchema>;

/** Journeys: visitors, visits and page views. */
export class VisitorsService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly geo: Geo,
  ) {}

  async hello(
    widget: WidgetRow,
    hello: Hello,
    ip: string,
  ): Promise<{ session: VisitorSession; problems: ContextProblem[] }> {
    const now = this.clock.now();
    const visitor = await this.resolveVisitor(widget, hello.visitorId, now);
    const { context, problems } = normalizeContext(hello.context ?? {});
    await this.store.addPageView({
      id: this.ids.next('pgv'),
      visitorId: visitor.id,
      url: hello.page.url,
      title: hello.page.title,
      referrer: hello.page.referrer,
      at: now,
    });
    const views = await this.store.listPageViews(visitor.id, visitor.visitStartedAt);
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
    };
    return { session, problems };
  }

  async pageView(session: VisitorSession, page: PageInfo): Promise<void> {
    const now = this.clock.now();
    const visitor = await this.store.getVisitor(session.visitorId);
    if (visitor && now - visitor.lastSeenAt > visitIdleMs) {
      await this.store.updateVisitor({
        ...visitor,
        visitCount: visitor.visitCount + 1,
        visitStartedAt: now,
        lastSeenAt: now,
      });
      session.visit = {
        startedAt: now,
        number: visitor.visitCount + 1,
        pagesViewed: 0,
        referrer: page.referrer,
      };
    } else if (visitor) {
      await this.store.updateVisitor({ ...visitor, lastSeenAt: now });
    }
    await this.store.addPageView({
      id: this.ids.next('pgv'),
      visitorId: session.visitorId,
      url: page.url,
      title: page.title,
      referrer: page.referrer,
      at: now,
    });
    session.page = { ...page, startedAt: now };
    session.visit.pagesViewed += 1;
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

  private async resolveVisitor(
    widget: WidgetRow,
    visitorId: string | undefined,
    now: number,
  ): Promise<VisitorRow> {
    const known = visitorId ? await this.store.getVisitor(visitorId) : undefined;
    if (known && known.widgetId === widget.id) {
      const newVisit = now - known.lastSeenAt > visitIdleMs;
      const updated: VisitorRow = newVisit
        ? { ...known, visitCount: known.visitCount + 1, visitStartedAt: now, lastSeenAt: now }
        : { ...known, lastSeenAt: now };
      await this.store.updateVisitor(updated);
      return updated;
    }
    const created: VisitorRow = {
      id: this.ids.next('vis'),
      widgetId: widget.id,
      createdAt: now,
      lastSeenAt: now,
      visitCount: 1,
      visitStartedAt: now,
    };
    await this.store.createVisitor(created);
    return created;
  }
}
