import {
  type LiveInvitation,
  type LiveVisitor,
  liveVisitorContextMax,
  liveVisitorContextValueMax,
  liveVisitorJourneyMax,
} from '@beckon/protocol';
import { eventCounts, type MessageFacts, utmOf } from '@beckon/rules';
import type { VisitorSession } from './visitor-session.ts';

/** A visitor connected to this node, as the live list follows it. */
export interface LocalVisitor {
  tabs: Set<VisitorSession>;
  latest: VisitorSession;
  invitation?: LiveInvitation;
  conversation?: 'waiting' | 'active';
  invitedThisVisit: boolean;
  /** The visit the invitedThisVisit flag is about. */
  visitStartedAt: number;
  publishedActiveAt: number;
  /** The events' summary last published (eventCounts), to republish only when it changes. */
  publishedEvents?: string;
}

/** What a node publishes of one of its visitors: its latest tab's session plus where it stands (read-only). */
export function liveVisitorView(record: LocalVisitor): LiveVisitor {
  const session = record.latest;
  if (session.visit.startedAt !== record.visitStartedAt) {
    // A new visit (30 minutes idle): nothing was shown in it yet.
    record.visitStartedAt = session.visit.startedAt;
    record.invitedThisVisit = record.invitation !== undefined;
  }
  const widget = session.widget;
  const consent = !widget.consentRequired ? 'not-required' : session.tracking ? 'granted' : 'pending';
  const tracking = session.tracking;
  const utm = tracking ? utmOf(session.visitUrls[0]) : {};
  const visitor: LiveVisitor = {
    id: session.visitorId,
    widgetId: widget.id,
    // Without consent nothing of the journey is kept or shown, not even the current page.
    page: tracking ? { url: session.page.url, title: session.page.title } : { url: '', title: '' },
    pageStartedAt: session.page.startedAt,
    visitStartedAt: session.visit.startedAt,
    lastActiveAt: Math.max(session.page.startedAt, session.signals.lastActiveAt),
    pagesViewed: session.visit.pagesViewed,
    visitNumber: session.visit.number,
    journey: tracking ? session.visitUrls.slice(-liveVisitorJourneyMax) : [],
    location: { country: session.location.country, city: session.location.city },
    device: session.device,
    language: session.language,
    consent,
    state: record.conversation === 'active' ? 'chatting' : record.conversation ? 'waiting' : 'browsing',
    invitedThisVisit: record.invitedThisVisit,
  };
  if (!record.conversation && record.invitation) visitor.state = 'invited';
  if (record.invitation) visitor.invitation = record.invitation;
  if (tracking && session.visit.referrer) visitor.referrer = session.visit.referrer;
  if (utm.source) visitor.utmSource = utm.source;
  // The model's inputs, so the list predicts from what the rules predicted from (LivePredictions).
  if (utm.medium) visitor.utmMedium = utm.medium;
  const events = tracking ? eventCounts(session.events) : [];
  if (events.length > 0) visitor.events = events;
  if (tracking && session.authenticated) visitor.authenticated = true;
  if (tracking) {
    // Values the page marked not displayable stay with the rules: agents never see them.
    const context = Object.entries(session.context)
      .filter(([, entry]) => entry.isDisplayable)
      .slice(0, liveVisitorContextMax);
    if (context.length > 0) {
      visitor.context = Object.fromEntries(
        context.map(([key, entry]) => [key, String(entry.value).slice(0, liveVisitorContextValueMax)]),
      );
    }
  }
  if (session.customer) {
    visitor.customer = { verified: session.customerSub !== undefined };
    if (session.customer.name) visitor.customer.name = session.customer.name;
    if (session.customer.email) visitor.customer.email = session.customer.email;
  }
  // Shares the session's objects (device, invitation): it is only ever published, and the bus sends a copy.
  return visitor;
}

/** What the Visitors list knows of a visitor (from any node), as the facts a message's variables are read from. */
export function liveVisitorFacts(visitor: LiveVisitor): MessageFacts {
  return {
    language: visitor.language,
    context: visitor.context ?? {},
    page: { ...visitor.page, startedAt: visitor.pageStartedAt },
    location: visitor.location,
    visitorName: visitor.customer?.name,
    customer: visitor.customer?.name ? { name: visitor.customer.name } : undefined,
  };
}
