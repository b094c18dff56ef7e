import { Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { createRedisBus, RedisBus } from '../src/adapters/redis-bus/redis-bus.ts';
import { describeBusContract } from '../src/ports/bus.contract.ts';
import { testRedisPrefix, testRedisUrl } from './services.ts';

describeBusContract('RedisBus', () => createRedisBus({ url: testRedisUrl, prefix: testRedisPrefix() }));

describe('RedisBus specifics', () => {
  it('writes the publishes of one event-loop turn to Redis at once, and each caller gets its answer', async () => {
    const publisher = new Redis(testRedisUrl);
    const subscriber = new Redis(testRedisUrl);
    const bus = new RedisBus(publisher, subscriber, { prefix: testRedisPrefix() });
    try {
      const received: unknown[] = [];
      await bus.subscribe('t2', (payload) => received.push(payload));
      await bus.ping();
      const writes = vi.spyOn(publisher.stream, 'write');
      // What one relayed message publishes: the visitor's, the agent's and the watchers' topics, then another's.
      await Promise.all(['t1', 't2', 't3', 't2'].map((topic, i) => bus.publish(topic, i)));
      expect(writes).toHaveBeenCalledTimes(1);
      await vi.waitFor(() => expect(received).toEqual([1, 3]));
    } finally {
      await bus.close();
    }
  });

  it('carries events between two buses (two nodes) with the same prefix, and not across prefixes', async () => {
    const prefix = testRedisPrefix();
    const nodeA = await createRedisBus({ url: testRedisUrl, prefix });
    const nodeB = await createRedisBus({ url: testRedisUrl, prefix });
    const otherInstallation = await createRedisBus({ url: testRedisUrl, prefix: testRedisPrefix() });
    try {
      const onB: unknown[] = [];
      const onOther: unknown[] = [];
      await nodeB.subscribe('visitor:1', (payload) => onB.push(payload));
      await otherInstallation.subscribe('visitor:1', (payload) => onOther.push(payload));

      await nodeA.publish('visitor:1', { type: 'message', seq: 1 });
      await otherInstallation.publish('visitor:1', 'marker');

      await vi.waitFor(() => expect(onOther).toEqual(['marker']));
      await vi.waitFor(() => expect(onB).toEqual([{ type: 'message', seq: 1 }]));
    } finally {
      await Promise.all([nodeA.close(), nodeB.close(), otherInstallation.close()]);
    }
  });

  it('reports a throwing handler to onHandlerError with its topic', async () => {
    const failure = new Error('handler failure (expected by the test)');
    const onHandlerError = vi.fn();
    const bus = await createRedisBus({ url: testRedisUrl, prefix: testRedisPrefix(), onHandlerError });
    try {
      await bus.subscribe('t', () => {
        throw failure;
      });
      await bus.publish('t', 1);
      await vi.waitFor(() => expect(onHandlerError).toHaveBeenCalledWith(failure, 't'));
    } finally {
      await bus.close();
    }
  });

  it('stays subscribed when the last handler leaves and a new one joins at once', async () => {
    const bus = await createRedisBus({ url: testRedisUrl, prefix: testRedisPrefix() });
    try {
      const received: unknown[] = [];
      const unsubscribe = await bus.subscribe('t', () => {});
      // Not awaited: the UNSUBSCRIBE and the new SUBSCRIBE are in flight together.
      const leaving = unsubscribe();
      await bus.subscribe('t', (payload) => received.push(payload));
      await leaving;

      await bus.publish('t', 'still here');
      await vi.waitFor(() => expect(received).toEqual(['still here']));
    } finally {
      await bus.close();
    }
  });

  it('rejects a payload that cannot be serialised', async () => {
    const bus = await createRedisBus({ url: testRedisUrl, prefix: testRedisPrefix() });
    try {
      await expect(bus.publish('t', { n: 1n })).rejects.toThrow(TypeError);
    } finally {
      await bus.close();
    }
  });

  it('fails to start, leaving nothing open, when the server cannot be reached', async () => {
    await expect(createRedisBus({ url: 'redis://127.0.0.1:1', prefix: testRedisPrefix() })).rejects.toThrow();
  });
});
