import {
  type LiveVisitor,
  type LiveVisitorFilter,
  type LiveVisitorSort,
  liveVisitorIdleMs,
} from '@beckon/protocol';

/** The Visitors list's pure part: which live visitors a watch shows, in which order, one page of them. */

/** Idle is a matter of time: computed at `now` from the last activity, not stored. */
export function withIdle(visitor: LiveVisitor, now: number): LiveVisitor {
  if (visitor.state !== 'browsing' && visitor.state !== 'idle') return visitor;
  const state = now - visitor.lastActiveAt >= liveVisitorIdleMs ? 'idle' : 'browsing';
  return state === visitor.state ? visitor : { ...visitor, state };
}

export function matches(visitor: LiveVisitor, filter: LiveVisitorFilter, now: number): boolean {
  if (filter.widgetId !== undefined && visitor.widgetId !== filter.widgetId) return false;
  if (filter.pageContains) {
    const needle = filter.pageContains.toLowerCase();
    const page = `${visitor.page.url} ${visitor.page.title}`.toLowerCase();
    if (!page.includes(needle)) return false;
  }
  if (filter.country) {
    const country = filter.country.toLowerCase();
    if (visitor.location.country?.toLowerCase() !== country) return false;
  }
  if (filter.returning !== undefined && visitor.visitNumber > 1 !== filter.returning) return false;
  if (filter.identified !== undefined && (visitor.customer !== undefined) !== filter.identified) return false;
  if (filter.idle !== undefined && (withIdle(visitor, now).state === 'idle') !== filter.idle) return false;
  if (filter.notInvited && (visitor.invitedThisVisit || visitor.invitation !== undefined)) return false;
  return true;
}

const orders: Record<LiveVisitorSort, (a: LiveVisitor, b: LiveVisitor) => number> = {
  // Longest on the site first.
  timeOnSite: (a, b) => a.visitStartedAt - b.visitStartedAt,
  pages: (a, b) => b.pagesViewed - a.pagesViewed,
  // Newest arrival on the current page first: who just came in.
  arrival: (a, b) => b.visitStartedAt - a.visitStartedAt,
};

/** The matching visitors, sorted (ties by id so the order is stable), the first `limit`, and how many match. */
export function livePage(
  visitors: Iterable<LiveVisitor>,
  filter: LiveVisitorFilter,
  sort: LiveVisitorSort,
  limit: number,
  now: number,
): { total: number; visitors: LiveVisitor[] } {
  const matching: LiveVisitor[] = [];
  for (const visitor of visitors) if (matches(visitor, filter, now)) matching.push(withIdle(visitor, now));
  const order = orders[sort];
  matching.sort((a, b) => order(a, b) || a.id.localeCompare(b.id));
  return { total: matching.length, visitors: matching.slice(0, limit) };
}

/** What a watcher must be told to go from the page it has to the page now. */
export function pageChanges(
  before: ReadonlyMap<string, string>,
  now: readonly LiveVisitor[],
): { changed: LiveVisitor[]; removed: string[]; fingerprints: Map<string, string> } {
  const fingerprints = new Map<string, string>();
  const changed: LiveVisitor[] = [];
  for (const visitor of now) {
    const print = JSON.stringify(visitor);
    fingerprints.set(visitor.id, print);
    if (before.get(visitor.id) !== print) changed.push(visitor);
  }
  const removed = [...before.keys()].filter((id) => !fingerprints.has(id));
  return { changed, removed, fingerprints };
}
