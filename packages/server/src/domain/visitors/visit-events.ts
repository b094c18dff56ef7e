import type { TrackedEvent } from '@beckon/rules';

interface SharedVisit {
  events: TrackedEvent[];
  /** Connections (tabs) of this node holding the list; it is dropped when the last one leaves. */
  tabs: number;
}

/**
 * `Beckon.track()` events of each visit, shared by every tab of the visitor connected to this node: an event
 * tracked in one tab is a fact for the `event` condition in all of them. Node-local: a tab connected to another
 * node of a cluster keeps its own list (docs/rules.md, Custom events).
 */
export class VisitEvents {
  private readonly visits = new Map<string, SharedVisit>();

  /** The visit's list (the same array for every tab), counting one more tab on it. */
  join(visitorId: string, visitStartedAt: number): TrackedEvent[] {
    const key = keyOf(visitorId, visitStartedAt);
    let visit = this.visits.get(key);
    if (!visit) {
      visit = { events: [], tabs: 0 };
      this.visits.set(key, visit);
    }
    visit.tabs += 1;
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
