import { Redis } from 'ioredis';
import type { Bus } from '../../ports/bus.ts';

export interface RedisBusOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` for TLS. */
  url: string;
  /**
   * Prepended to every channel name, so installations (or test runs) sharing one Redis server never see each
   * other's events. Every node of one installation must use the same prefix.
   */
  prefix?: string;
  /** Told about a handler that threw; the other handlers still run. Defaults to ignoring the error. */
  onHandlerError?: (error: unknown, topic: string) => void;
  /** Told about connection errors; ioredis keeps reconnecting (and resubscribing) on its own. */
  onConnectionError?: (error: Error) => void;
}

export const defaultRedisPrefix = 'beckon:';
const pingTimeoutMs = 1000;

interface Subscription {
  /** Gets the message's JSON text (`subscribe` parses it per handler). */
  handler: (text: string) => void;
  active: boolean;
}

interface Outgoing {
  channel: string;
  text: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Channel {
  subscriptions: Set<Subscription>;
  /** Resolves once Redis has confirmed the SUBSCRIBE; later subscribers of the channel wait on it too. */
  ready: Promise<unknown>;
}

/**
 * Cross-node fan-out over Redis pub/sub. One connection publishes and one subscribes (a subscribed connection
 * can run nothing else); Redis delivers one connection's publishes in order, and handlers run synchronously in
 * arrival order, so each topic's handlers see the publish order. Each Redis channel is subscribed once per node,
 * however many local handlers it has. Delivery is best effort, as the port says: a message published while the
 * subscriber is reconnecting is lost, and clients refill from the store by sequence number.
 */
export class RedisBus implements Bus {
  private readonly channels = new Map<string, Channel>();
  private readonly prefix: string;
  private readonly onHandlerError: (error: unknown, topic: string) => void;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    options: Pick<RedisBusOptions, 'prefix' | 'onHandlerError'> = {},
  ) {
    this.prefix = options.prefix ?? defaultRedisPrefix;
    this.onHandlerError = options.onHandlerError ?? (() => {});
    subscriber.on('message', (channel: string, message: string) => this.deliver(channel, message));
  }

  async publish(topic: string, payload: unknown): Promise<void> {
    return this.publishToEach([topic], payload);
  }

  async publishToEach(topics: readonly string[], payload: unknown): Promise<void> {
    // Serialised once, at the call, so publishes that are not awaited one by one still go out in call order on
    // the single publisher connection. `undefined` has no JSON form; subscribers see null.
    const text = JSON.stringify(payload) ?? 'null';
    await Promise.all(
      topics.map(
        (topic) =>
          new Promise<void>((resolve, reject) => {
            this.outgoing.push({ channel: this.prefix + topic, text, resolve, reject });
            if (this.outgoing.length === 1) setImmediate(() => this.flush());
          }),
      ),
    );
  }

  /** Publishes waiting for the end of the event-loop turn. */
  private outgoing: Outgoing[] = [];

  /**
   * The turn's publishes (a relayed message makes three: visitor, agent, watchers) leave in ONE pipeline: one
   * write to the socket instead of one per command, in call order, each caller answered by its own reply.
   */
  private flush(): void {
    const batch = this.outgoing;
    if (batch.length === 0) return;
    this.outgoing = [];
    const pipeline = this.publisher.pipeline();
    for (const { channel, text } of batch) pipeline.publish(channel, text);
    pipeline.exec().then(
      (replies) =>
        batch.forEach(({ resolve, reject }, i) => {
          const error = replies?.[i]?.[0];
          if (error) reject(error);
          else resolve();
        }),
      (error: unknown) => {
        for (const { reject } of batch) reject(error);
      },
    );
  }

  subscribe(topic: string, handler: (payload: unknown) => void): Promise<() => Promise<void>> {
    // Parsed per handler, as MemoryBus does: a handler that mutates its payload cannot affect another.
    return this.subscribeText(topic, (text) => handler(JSON.parse(text)));
  }

  async subscribeText(topic: string, handler: (text: string) => void): Promise<() => Promise<void>> {
    const name = this.prefix + topic;
    const subscription: Subscription = { handler, active: true };
    let channel = this.channels.get(name);
    if (!channel) {
      channel = { subscriptions: new Set(), ready: this.subscriber.subscribe(name) };
      this.channels.set(name, channel);
    }
    channel.subscriptions.add(subscription);
    try {
      await channel.ready;
    } catch (error) {
      this.remove(name, subscription);
      throw error;
    }
    return async () => {
      if (this.remove(name, subscription)) await this.subscriber.unsubscribe(name);
    };
  }

  /** Both connections up, and Redis answering PING within a second. */
  async ping(): Promise<void> {
    if (this.subscriber.status !== 'ready') throw new Error(`Redis subscriber is ${this.subscriber.status}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Redis did not answer PING within 1 s')), pingTimeoutMs);
    });
    try {
      await Promise.race([this.publisher.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    // Before QUIT, which ioredis sends after them.
    this.flush();
    for (const channel of this.channels.values()) {
      for (const subscription of channel.subscriptions) subscription.active = false;
    }
    this.channels.clear();
    await Promise.all([quit(this.publisher), quit(this.subscriber)]);
  }

  /**
   * Deactivates one subscription; true when it was the channel's last, so the caller unsubscribes in Redis.
   * The map changes synchronously and ioredis sends commands in call order, so an UNSUBSCRIBE followed by a new
   * SUBSCRIBE of the same channel leaves Redis subscribed.
   */
  private remove(name: string, subscription: Subscription): boolean {
    if (!subscription.active) return false;
    subscription.active = false;
    const channel = this.channels.get(name);
    if (!channel?.subscriptions.delete(subscription)) return false;
    if (channel.subscriptions.size > 0) return false;
    this.channels.delete(name);
    return true;
  }

  private deliver(name: string, message: string): void {
    const channel = this.channels.get(name);
    if (!channel) return;
    const topic = name.slice(this.prefix.length);
    for (const subscription of [...channel.subscriptions]) {
      if (!subscription.active) continue;
      try {
        subscription.handler(message);
      } catch (error) {
        this.onHandlerError(error, topic);
      }
    }
  }
}

async function quit(connection: Redis): Promise<void> {
  try {
    await connection.quit();
  } catch {
    // Already closed or never connected: nothing is left to flush.
    connection.disconnect();
  }
}

/**
 * Opens the publisher and subscriber connections and waits until both are ready, so a wrong URL fails the
 * node's start instead of surfacing later as lost events.
 */
export async function createRedisBus(options: RedisBusOptions): Promise<RedisBus> {
  const open = () => {
    const connection = new Redis(options.url, { lazyConnect: true });
    // Without a listener ioredis prints every reconnection error itself.
    connection.on('error', options.onConnectionError ?? (() => {}));
    return connection;
  };
  const publisher = open();
  const subscriber = open();
  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
  } catch (error) {
    publisher.disconnect();
    subscriber.disconnect();
    throw error;
  }
  return new RedisBus(publisher, subscriber, options);
}
