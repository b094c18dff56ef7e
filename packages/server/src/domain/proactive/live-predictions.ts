import type { LiveVisitor } from '@beckon/protocol';
import type { VisitorFacts } from '@beckon/rules';
import type { Clock } from '../../ports/clock.ts';
import type { Store, WidgetRow } from '../../ports/store.ts';
import type { AcceptanceLearner } from './acceptance-learner.ts';
import { predictionPushes } from './explanations.ts';

/** A widget's row is read again at most this often for the list (its kill switch and time zone). */
const widgetRefreshMs = 60_000;

/**
 * The journey the acceptance model reads, from what the Visitors list knows of a visitor (on any node): the
 * visitor's node publishes every input of the model (UTM medium, tracked events' names, identity), so the percent is
 * the one the rules and the explain API compute at the same instant.
 */
export function liveVisitorJourney(visitor: LiveVisitor): VisitorFacts {
  return {
    page: { url: visitor.page.url, title: visitor.page.title, startedAt: visitor.pageStartedAt },
    visit: {
      startedAt: visitor.visitStartedAt,
      pagesViewed: visitor.pagesViewed,
      visitNumber: visitor.visitNumber,
      ...(visitor.referrer !== undefined && { referrer: visitor.referrer }),
    },
    language: visitor.language,
    location: visitor.location,
    context: {},
    authenticated: visitor.authenticated === true,
    visitUrls: visitor.journey,
    ...((visitor.utmSource !== undefined || visitor.utmMedium !== undefined) && {
      utm: {
        ...(visitor.utmSource !== undefined && { source: visitor.utmSource }),
        ...(visitor.utmMedium !== undefined && { medium: visitor.utmMedium }),
      },
    }),
    ...(visitor.events !== undefined && {
      events: visitor.events.flatMap(({ name, count }) => Array.from({ length: count }, () => ({ name }))),
    }),
    ...(visitor.customer !== undefined && { customer: {} }),
    device: visitor.device,
  };
}

/**
 * The predicted acceptance shown in the Visitors list: computed when a list page is built (at most a page of
 * visitors, at most one build a second), never on the page-view path. It reads cached widget rows and models only;
 * a widget not cached yet is read in the background (at most once a minute) and the list is built again then.
 */
export class LivePredictions {
  private readonly widgets = new Map<string, { row: WidgetRow | undefined; readAt: number }>();
  private readonly reading = new Set<string>();
  private ready: () => void = () => {};

  constructor(
    private readonly store: Pick<Store, 'getWidget'>,
    private readonly learner: Pick<AcceptanceLearner, 'prepare' | 'predict'>,
    private readonly clock: Clock,
    private readonly onError: (key: string, error: unknown) => void,
  ) {}

  /** Told when a widget's row and model were read in the background: the list can be built again with them. */
  onReady(listener: () => void): void {
    this.ready = listener;
  }

  /** Reads the widget's row and model now if they are over a minute old (the HTTP list waits for it). */
  async prepare(widgetId: string, now = this.clock.now()): Promise<void> {
    const known = this.widgets.get(widgetId);
    if (known && now - known.readAt < widgetRefreshMs) return;
    const row = await this.store.getWidget(widgetId);
    if (row?.smartInvitations) await this.learner.prepare(widgetId);
    this.widgets.set(widgetId, { row, readAt: now });
  }

  /** The page's visitors, each with the prediction of a ready model (copies; the others as they are). */
  annotate(page: readonly LiveVisitor[], now: number): LiveVisitor[] {
    return page.map((visitor) => {
      const widget = this.widget(visitor.widgetId, now);
      // Without consent a visitor is never evaluated, so never predicted (docs/smart-invitations.md, Consent).
      if (!widget?.smartInvitations || visitor.consent === 'pending') return visitor;
      const prediction = this.learner.predict(widget, liveVisitorJourney(visitor), now);
      return prediction ? { ...visitor, prediction: predictionPushes(prediction) } : visitor;
    });
  }

  private widget(widgetId: string, now: number): WidgetRow | undefined {
    const known = this.widgets.get(widgetId);
    if ((!known || now - known.readAt >= widgetRefreshMs) && !this.reading.has(widgetId)) {
      this.reading.add(widgetId);
      this.prepare(widgetId, now)
        .then(() => this.ready())
        .catch((error: unknown) => this.onError('live-predictions', error))
        .finally(() => this.reading.delete(widgetId));
    }
    return known?.row;
  }
}
