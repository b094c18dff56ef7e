import type { Bus } from '../../ports/bus.ts';

export interface MemoryBusOptions {
  /** Told about a handler that threw; the other handlers still run. Defaults to ignoring the error. */
  onHandlerError?: (error: unknown, topic: string) => void;
}

const published: Promise<void> = Promise.resolve();

interface Delivery {
  topic: string;
  subscription: Subscription;
}

interface Subscription {
  /** Gets the payload's JSON text (`subscribe` parses it per handler). */
  handler: (text: string) => void;
  active: boolean;
}

/**
 * The single-node bus. It behaves like the Redis one where that matters to callers: delivery is asynchronous
 * (a microtask, never inside `publish`), and payloads are serialised to JSON, so a payload that would not
 * survive Redis (a Date, a Map, a shared object mutated by one subscriber) fails the same way in embedded mode.
 */
export class MemoryBus implements Bus {
  private readonly topics = new Map<string, Set<Subscription>>();
  private readonly onHandlerError: (error: unknown, topic: string) => void;

  constructor(options: MemoryBusOptions = {}) {
    this.onHandlerError = options.onHandlerError ?? (() => {});
  }

  /** In-process: always reachable. */
  async ping(): Promise<void> {}

  publish(topic: string, payload: unknown): Promise<void> {
    return this.publishToEach([topic], payload);
  }

  /** Not an async function: a publish returns one shared settled promise, not a promise of its own. */
  publishToEach(topics: readonly string[], payload: unknown): Promise<void> {
    try {
      this.queue(topics, payload);
      return published;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private queue(topics: readonly string[], payload: unknown): void {
    let text: string | undefined;
    let deliveries: Delivery[] | undefined;
    for (const topic of topics) {
      const subscriptions = this.topics.get(topic);
      if (!subscriptions || subscriptions.size === 0) continue;
      // Serialised once, and only if someone listens. `undefined` has no JSON form; Redis subscribers would see null.
      text ??= JSON.stringify(payload) ?? 'null';
      deliveries ??= [];
      // Taken now: a subscription added after the publish does not get it, as with Redis.
      for (const subscription of subscriptions) deliveries.push({ topic, subscription });
    }
    if (deliveries === undefined || text === undefined) return;
    const delivered = text;
    const all = deliveries;
    // One microtask for the whole publish (not one per subscription): microtasks run in the order queued, so
    // each topic's handlers still see messages in publish order, and handlers in subscription order. A reaction
    // to a settled promise, not `queueMicrotask`, which in Node wraps each callback in an async resource.
    void published.then(() => {
      for (const { topic, subscription } of all) {
        if (!subscription.active) continue;
        try {
          subscription.handler(delivered);
        } catch (error) {
          this.onHandlerError(error, topic);
        }
      }
    });
  }

  subscribe(topic: string, handler: (payload: unknown) => void): Promise<() => Promise<void>> {
    // Parsed per handler: a handler that mutates its payload cannot affect another.
    return this.subscribeText(topic, (text) => handler(JSON.parse(text)));
  }

  async subscribeText(topic: string, handler: (text: string) => void): Promise<() => Promise<void>> {
    const subscription: Subscription = { handler, active: true };
    let subscriptions = this.topics.get(topic);
    if (!subscriptions) {
      subscriptions = new Set();
      this.topics.set(topic, subscriptions);
    }
    subscriptions.add(subscription);
    return async () => {
      // Also cancels deliveries already queued: after unsubscribe resolves, the handler is never called.
      subscription.active = false;
      const current = this.topics.get(topic);
      current?.delete(subscription);
      if (current?.size === 0) this.topics.delete(topic);
    };
  }

  async close(): Promise<void> {
    for (const subscriptions of this.topics.values()) {
      for (const subscription of subscriptions) subscription.active = false;
    }
    this.topics.clear();
  }
}
