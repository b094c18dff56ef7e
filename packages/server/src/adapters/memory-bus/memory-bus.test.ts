import { describe, expect, it, vi } from 'vitest';
import { describeBusContract } from '../../ports/bus.contract.ts';
import { MemoryBus } from './memory-bus.ts';

describeBusContract('MemoryBus', async () => new MemoryBus());

describe('MemoryBus specifics', () => {
  it('delivers asynchronously, never inside publish', async () => {
    const bus = new MemoryBus();
    const received: unknown[] = [];
    await bus.subscribe('t', (payload) => received.push(payload));

    const publishing = bus.publish('t', 'x');
    expect(received).toEqual([]);
    await publishing;
    await vi.waitFor(() => expect(received).toEqual(['x']));
  });

  it('gives each handler its own copy, as a serialising bus would', async () => {
    const bus = new MemoryBus();
    const payload = { list: [1] };
    const copies: { list: number[] }[] = [];
    const keep = (received: unknown) => copies.push(received as { list: number[] });
    await bus.subscribe('t', keep);
    await bus.subscribe('t', keep);

    await bus.publish('t', payload);
    await vi.waitFor(() => expect(copies).toHaveLength(2));
    copies[0]?.list.push(2);

    expect(copies[1]).toEqual({ list: [1] });
    expect(payload).toEqual({ list: [1] });
  });

  it('serialises a payload published to several topics once', async () => {
    const bus = new MemoryBus();
    const texts: string[] = [];
    await bus.subscribeText('visitor', (text) => texts.push(text));
    await bus.subscribeText('agent', (text) => texts.push(text));
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      await bus.publishToEach(['visitor', 'agent', 'nobody'], { type: 'message', seq: 1 });
      expect(stringify).toHaveBeenCalledTimes(1);
    } finally {
      stringify.mockRestore();
    }
    await vi.waitFor(() =>
      expect(texts).toEqual(['{"type":"message","seq":1}', '{"type":"message","seq":1}']),
    );
  });

  it('delivers after the publish, in subscription and publish order', async () => {
    const bus = new MemoryBus();
    const received: string[] = [];
    for (const topic of ['a', 'b']) {
      for (const name of ['1', '2']) {
        await bus.subscribeText(topic, (text) => received.push(`${topic}${name}:${text}`));
      }
    }
    const published = [bus.publishToEach(['a', 'b'], 'x'), bus.publishToEach(['a', 'b'], 'y')];
    // Never inside the publish: a handler cannot run in the middle of its publisher's code.
    expect(received).toEqual([]);
    await Promise.all(published);
    await vi.waitFor(() => expect(received).toHaveLength(8));
    expect(received).toEqual([
      'a1:"x"',
      'a2:"x"',
      'b1:"x"',
      'b2:"x"',
      'a1:"y"',
      'a2:"y"',
      'b1:"y"',
      'b2:"y"',
    ]);
  });

  it('rejects a payload that cannot be serialised, as Redis would', async () => {
    const bus = new MemoryBus();
    await bus.subscribe('t', () => {});
    await expect(bus.publish('t', { n: 1n })).rejects.toThrow(TypeError);
  });

  it('reports a throwing handler to onHandlerError with its topic', async () => {
    const failure = new Error('boom');
    const onHandlerError = vi.fn();
    const bus = new MemoryBus({ onHandlerError });
    await bus.subscribe('t', () => {
      throw failure;
    });

    await bus.publish('t', 1);

    await vi.waitFor(() => expect(onHandlerError).toHaveBeenCalledWith(failure, 't'));
  });

  it('cancels deliveries queued before unsubscribe and before close', async () => {
    const bus = new MemoryBus();
    const received: unknown[] = [];
    const unsubscribe = await bus.subscribe('a', (payload) => received.push(payload));
    await bus.subscribe('b', (payload) => received.push(payload));

    const publishedA = bus.publish('a', 'a');
    await unsubscribe();
    const publishedB = bus.publish('b', 'b');
    await bus.close();
    await Promise.all([publishedA, publishedB]);
    await new Promise((resolve) => setImmediate(resolve));

    expect(received).toEqual([]);
  });
});
