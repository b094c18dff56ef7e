import type { TrackedEvent } from '@beckon/rules';

interface SharedVisit {
  events: TrackedEvent[];
  /** Connections (tabs) of this node holding the list; it is dropped when the last one leaves. */
  tabs: number;
  /** Settles once the visit's stored events are in `events`. */
  ready: Promise<void>;
}

/**
 * `Beckon.track()` events of each visit, shared by every tab of the visitor connected to this node: an event
 * tracked in one tab is a fact for the `event` condition in all of them. The store keeps them too, so the
 * first tab of a visit on a node — the next page of a multi-page site, a reload, a reconnection to another
 * node — starts from the visit's events. Live, a tab sees the events tracked through its own node; an event
 * tracked through another node reaches it on its next connection (docs/rules.md, Custom events).
 */
export class VisitEvents {
  private readonly visits = new Map<string, SharedVisit>();

  /**
   * The visit's list (the same array for every tab on this node), counting one more tab on it. The first tab
   * fills it with `load` (the visit's stored events, oldest first); if that fails the list starts empty.
   */
  async join(
    visitorId: string,
    visitStartedAt: number,
    load: () => Promise<TrackedEvent[]>,
  ): Promise<TrackedEvent[]> {
    const key = keyOf(visitorId, visitStartedAt);
    let visit = this.visits.get(key);
    if (!visit) {
      const events: TrackedEvent[] = [];
      const ready = load().then(
        (stored) => {
          // No tab holds the list before it is ready, so nothing was tracked into it meanwhile.
          events.push(...stored);
        },
        () => undefined,
      );
      visit = { events, tabs: 0, ready };
      this.visits.set(key, visit);
    }
    visit.tabs += 1;
    await visit.ready;
    return visit.events;
  }

  /** One tab stops holding the visit's list (it closed, or it moved on to a new visit). */
  leave(visitorId: string, visitStartedAt: number): void {
    const key = keyOf(visitorId, visitStartedAt);
    const visit = this.visits.get(key);
    if (!visit) return;
    visit.tabs -= 1;
    if (visit.tabs <= 0) this.visits.delete(key);
  }

  /** Visits with at least one tab on this node (for tests and metrics). */
  get size(): number {
    return this.visits.size;
  }
}

const keyOf = (visitorId: string, visitStartedAt: number) => `${visitorId}@${visitStartedAt}`;
