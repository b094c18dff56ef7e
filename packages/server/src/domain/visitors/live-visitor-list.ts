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

/**
 * The matching visitors, sorted (ties by id so the order is stable), the first `limit`, and how many match. One
 * pass keeping the best `limit` in order: tens of thousands of visitors are never sorted to show a hundred.
 */
export function livePage(
  visitors: Iterable<LiveVisitor>,
  filter: LiveVisitorFilter,
  sort: LiveVisitorSort,
  limit: number,
  now: number,
): { total: number; visitors: LiveVisitor[] } {
  const order = orders[sort];
  const compare = (a: LiveVisitor, b: LiveVisitor) => order(a, b) || a.id.localeCompare(b.id);
  const best: LiveVisitor[] = [];
  let total = 0;
  for (const visitor of visitors) {
    if (!matches(visitor, filter, now)) continue;
    total++;
    if (best.length === limit && compare(visitor, best[limit - 1]!) >= 0) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(best[middle]!, visitor) <= 0) low = middle + 1;
      else high = middle;
    }
    best.splice(low, 0, visitor);
    if (best.length > limit) best.pop();
  }
  return { total, visitors: best.map((visitor) => withIdle(visitor, now)) };
}

/** Each visitor of a page as the JSON a watcher was sent: what tells a change. */
export function fingerprintsOf(page: readonly LiveVisitor[]): Map<string, string> {
  return new Map(page.map((visitor) => [visitor.id, JSON.stringify(visitor)]));
}

/**
 * What a watcher must be told to go from the page it has to the page now. `fingerprints` of the page now can be
 * given when several watchers share it.
 */
export function pageChanges(
  before: ReadonlyMap<string, string>,
  now: readonly LiveVisitor[],
  fingerprints: Map<string, string> = fingerprintsOf(now),
): { changed: LiveVisitor[]; removed: string[]; fingerprints: Map<string, string> } {
  const changed = now.filter((visitor) => before.get(visitor.id) !== fingerprints.get(visitor.id));
  const removed = [...before.keys()].filter((id) => !fingerprints.has(id));
  return { changed, removed, fingerprints };
}
