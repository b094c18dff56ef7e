import type { Bus } from '../../ports/bus.ts';
import type { QueueStore, RuleStore, WidgetRow, WidgetStore } from '../../ports/store.ts';
import type { DomainEvents } from '../domain-events.ts';
import { topics } from '../fanout.ts';

/**
 * Capacity conditions (`agentAvailable`, `predictedWait`) are facts nobody sends: when an agent becomes available,
 * changes capacity, goes away or ends a chat, the visitors waiting on those conditions must be evaluated again.
 * The change is published per widget of the agent's queues (`capacity:<widgetId>`, so every node hears it), and
 * each node that has live visitors whose rules use capacity re-evaluates them — coalesced per widget: while a
 * pass runs, any number of further changes make exactly one more pass, never one per change.
 */
export class CapacityWatch {
  private readonly subscribed = new Set<string>();
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();

  constructor(
    private readonly store: Pick<QueueStore, 'listQueues' | 'listQueueMembers'> &
      Pick<WidgetStore, 'listWidgets'> &
      Pick<RuleStore, 'listRules'>,
    private readonly bus: Bus,
    /** Re-evaluates this node's live visitors of the widget whose rules use capacity. */
    private readonly recheck: (widgetId: string) => Promise<void>,
    private readonly onError: (key: string, error: unknown) => void,
    events?: DomainEvents,
  ) {
    events?.on('agentCapacityChanged', (agentId) => this.changed(agentId));
    events?.on('widgetCapacityUsed', (widgetId) => this.watch(widgetId));
  }

  /** A rule of this widget reads capacity: this node listens for the widget's capacity changes (once). */
  async watch(widgetId: string): Promise<void> {
    if (this.subscribed.has(widgetId)) return;
    this.subscribed.add(widgetId);
    await this.bus.subscribe(topics.capacity(widgetId), () => this.schedule(widgetId));
  }

  /** The agent's free capacity may have changed: tell every node, per widget routed to the agent's queues. */
  async changed(agentId: string): Promise<void> {
    try {
      const queues = new Set<string>();
      for (const queue of await this.store.listQueues()) {
        if ((await this.store.listQueueMembers(queue.id)).includes(agentId)) queues.add(queue.id);
      }
      if (queues.size === 0) return;
      for (const widget of await this.store.listWidgets()) {
        if (await this.routesTo(widget, queues)) await this.bus.publish(topics.capacity(widget.id), {});
      }
    } catch (error) {
      // Best effort, like the bus: the visitors' next own event or check still sees the new capacity.
      this.onError(`capacity:${agentId}`, error);
    }
  }

  /** The widget's chats can go to one of these queues: its own queue, or a rule's target queue. */
  private async routesTo(widget: WidgetRow, queues: ReadonlySet<string>): Promise<boolean> {
    if (queues.has(widget.queueId)) return true;
    const rules = await this.store.listRules(widget.id);
    return rules.some((rule) => rule.queueId !== undefined && queues.has(rule.queueId));
  }

  /** Runs a pass now, or one more after the running one: a burst of changes costs at most two passes. */
  schedule(widgetId: string): void {
    if (this.running.has(widgetId)) {
      this.again.add(widgetId);
      return;
    }
    this.running.add(widgetId);
    void this.pass(widgetId);
  }

  private async pass(widgetId: string): Promise<void> {
    do {
      this.again.delete(widgetId);
      try {
        await this.recheck(widgetId);
      } catch (error) {
        this.onError(`capacity-recheck:${widgetId}`, error);
      }
    } while (this.again.has(widgetId));
    this.running.delete(widgetId);
  }
}
