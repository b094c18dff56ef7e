import { performance } from 'node:perf_hooks';
import type { Bus } from '../ports/bus.ts';
import type { Metrics, QueueGauge } from '../ports/metrics.ts';
import type { Acceptance, Store } from '../ports/store.ts';

/**
 * The store with every call timed, and the changes operators watch counted where they are decided: an
 * invitation or offer counts once, when its conditional write is the one that succeeded (so two nodes racing
 * for the same expiry count it once). A proxy rather than a subclass: it wraps SQLite and PostgreSQL alike.
 */
export function instrumentStore(store: Store, metrics: Metrics): Store {
  // Each counts when the call's answer says it made the change.
  const outcomes: Record<string, (args: unknown[], answer: unknown) => void> = {
    createInvitation: (_, answer) => answer === true && metrics.invitation('shown'),
    closeInvitation: (args, answer) => answer === true && metrics.invitation(String(args[1])),
    createOfferWithinCapacity: (_, answer) => answer === true && metrics.offer('made'),
    closeOffer: (args, answer) => answer === true && metrics.offer(String(args[1])),
    acceptOffer: (_, answer) => (answer as Acceptance).outcome === 'assigned' && metrics.offer('accepted'),
    // What the takeover sweep found overdue or dead: its own node's work counts too (a missed deadline).
    listOverdueOffers: (_, answer) => metrics.takeover('offers', (answer as unknown[]).length),
    listOverdueInvitations: (_, answer) => metrics.takeover('invitations', (answer as unknown[]).length),
    reapDeadNodes: (_, answer) => metrics.takeover('agents', (answer as unknown[]).length),
  };
  const timed = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      let wrapper = timed.get(property);
      if (!wrapper) {
        const method = property;
        const counted = outcomes[method];
        wrapper = function (this: unknown, ...args: unknown[]) {
          const started = performance.now();
          const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
          if (!(result instanceof Promise)) return result;
          return result.then(
            (resolved: unknown) => {
              metrics.storeCall(method, (performance.now() - started) / 1000, false);
              counted?.(args, resolved);
              return resolved;
            },
            (error: unknown) => {
              metrics.storeCall(method, (performance.now() - started) / 1000, true);
              throw error;
            },
          );
        };
        timed.set(property, wrapper);
      }
      return wrapper;
    },
  });
}

/** The bus with each publish timed. */
export function instrumentBus(bus: Bus, metrics: Metrics): Bus {
  return {
    async publish(topic, payload) {
      const started = performance.now();
      try {
        await bus.publish(topic, payload);
      } finally {
        metrics.busPublish((performance.now() - started) / 1000);
      }
    },
    async publishToEach(topics, payload) {
      const started = performance.now();
      try {
        await bus.publishToEach(topics, payload);
      } finally {
        metrics.busPublish((performance.now() - started) / 1000);
      }
    },
    subscribe: (topic, handler) => bus.subscribe(topic, handler),
    subscribeText: (topic, handler) => bus.subscribeText(topic, handler),
    close: () => bus.close(),
    ping: () => bus.ping(),
  };
}

/** A periodic task with each run timed, and counted as failed when it throws (the error still propagates). */
export function instrumentTask(
  task: () => Promise<void>,
  name: string,
  metrics?: Metrics,
): () => Promise<void> {
  if (!metrics) return task;
  return async () => {
    const started = performance.now();
    let failed = true;
    try {
      await task();
      failed = false;
    } finally {
      metrics.sweep(name, (performance.now() - started) / 1000, failed);
    }
  };
}

/** The queues' lengths and oldest waits as a scrape reads them: one query per queue, only when scraped. */
export function queueGauges(store: Store, now: () => number): () => Promise<QueueGauge[]> {
  return async () => {
    const gauges: QueueGauge[] = [];
    for (const queue of await store.listQueues()) {
      const waiting = await store.listWaitingConversations(queue.id);
      const oldest = waiting[0]?.createdAt;
      gauges.push({
        queueId: queue.id,
        queue: queue.name,
        waiting: waiting.length,
        oldestWaitSeconds: oldest === undefined ? 0 : Math.max(0, (now() - oldest) / 1000),
      });
    }
    return gauges;
  };
}
