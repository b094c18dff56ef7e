import { performance } from 'node:perf_hooks';
import type { Bus } from '../ports/bus.ts';
import type { Metrics } from '../ports/metrics.ts';
import type { Store } from '../ports/store.ts';

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
    acceptOffer: (_, answer) => answer === 'assigned' && metrics.offer('accepted'),
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
    subscribe: (topic, handler) => bus.subscribe(topic, handler),
    close: () => bus.close(),
    ping: () => bus.ping(),
  };
}
