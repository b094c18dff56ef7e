import type { AgentServerFrame, LiveVisitor, LiveVisitorFilter, LiveVisitorSort } from '@beckon/protocol';
import type { Clock } from '../../ports/clock.ts';
import type { Deadlines } from '../../scheduler/deadlines.ts';
import { fingerprintsOf, livePage, pageChanges } from './live-visitor-list.ts';
import type { LiveVisitors } from './live-visitors.ts';

/** Frames an agent gets for a watch of the live list. */
export type LiveListFrame = Extract<AgentServerFrame, { type: 'visitors.list' | 'visitors.changes' }>;

export interface LiveWatchSpec {
  filter: LiveVisitorFilter;
  sort: LiveVisitorSort;
  limit: number;
}

interface Watch extends LiveWatchSpec {
  send: (frame: LiveListFrame) => void;
  /** What the watcher has: visitor id → the JSON it was sent. */
  sent: Map<string, string>;
  order: string[];
  total: number;
}

/** One view's page at a flush, computed once for every agent looking at it. */
interface SharedPage {
  total: number;
  visitors: LiveVisitor[];
  prints: Map<string, string>;
  order: string[];
}

/** At most one frame per watching agent in this window, whatever the number of visitor events. */
export const liveBatchMs = 1000;
const flushKey = 'live-visitors-flush';

/**
 * The agents watching the live list on this node. A visitor event only marks the lists dirty; a flush at most
 * once a second computes each watcher's page (filter, sort, first N, server-side) and sends what changed in it,
 * if anything did. A quiet list sends nothing.
 */
export class LiveVisitorWatches {
  private readonly watches = new Set<Watch>();
  private dirty = false;
  private scheduled = false;
  private lastFlushAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly live: Pick<LiveVisitors, 'visitors' | 'onChange'>,
    private readonly clock: Clock,
    private readonly deadlines: Deadlines,
    /** Adds to a built page what is computed only for the visitors shown (LivePredictions); none by default. */
    private readonly annotate: (page: LiveVisitor[], now: number) => LiveVisitor[] = (page) => page,
  ) {
    live.onChange(() => this.changed());
  }

  /** Something the pages show changed outside the visitors (a widget's model was read): build them again. */
  refresh(): void {
    this.changed();
  }

  /** Starts a watch: its first page now, then its changes. Returns the function that ends it. */
  watch(spec: LiveWatchSpec, send: (frame: LiveListFrame) => void): () => void {
    const now = this.clock.now();
    const built = livePage(this.live.visitors(), spec.filter, spec.sort, spec.limit, now);
    const page = { ...built, visitors: this.annotate(built.visitors, now) };
    const watch: Watch = {
      ...spec,
      send,
      sent: pageChanges(new Map(), page.visitors).fingerprints,
      order: page.visitors.map((visitor) => visitor.id),
      total: page.total,
    };
    this.watches.add(watch);
    send({ type: 'visitors.list', serverTime: now, total: page.total, visitors: page.visitors });
    return () => {
      this.watches.delete(watch);
    };
  }

  get size(): number {
    return this.watches.size;
  }

  private changed(): void {
    this.dirty = true;
    if (this.scheduled || this.watches.size === 0) return;
    this.scheduled = true;
    const at = this.lastFlushAt + liveBatchMs;
    if (at <= this.clock.now()) {
      // Quiet for a second: send at once, after the events of this turn are in.
      setImmediate(() => this.flush());
    } else {
      this.deadlines.arm(flushKey, at, async () => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    if (!this.dirty) return;
    this.dirty = false;
    const now = this.clock.now();
    this.lastFlushAt = now;
    const visitors = [...this.live.visitors()];
    // Agents looking at the same view (most keep the default) share one computed page.
    const pages = new Map<string, SharedPage>();
    for (const watch of this.watches) {
      const key = JSON.stringify([watch.filter, watch.sort, watch.limit]);
      let page = pages.get(key);
      if (!page) {
        const built = livePage(visitors, watch.filter, watch.sort, watch.limit, now);
        const { total } = built;
        const shown = this.annotate(built.visitors, now);
        page = { total, visitors: shown, prints: fingerprintsOf(shown), order: shown.map((v) => v.id) };
        pages.set(key, page);
      }
      const { changed, removed, fingerprints } = pageChanges(watch.sent, page.visitors, page.prints);
      const { order } = page;
      const sameOrder = order.length === watch.order.length && order.every((id, i) => id === watch.order[i]);
      if (!changed.length && !removed.length && sameOrder && page.total === watch.total) continue;
      watch.sent = fingerprints;
      watch.order = order;
      watch.total = page.total;
      watch.send({ type: 'visitors.changes', serverTime: now, total: page.total, changed, removed, order });
    }
  }
}
