import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bus } from './bus.ts';

/**
 * The behaviour every Bus adapter must have (in-process and Redis alike). Delivery may be asynchronous and
 * cross a network, so the suite waits for it with `vi.waitFor` instead of assuming it happened on return.
 * To prove that something was NOT delivered without sleeping, it publishes a later marker and relies on the
 * one guarantee the port gives: one publisher's messages arrive in publish order.
 *
 * `makeBus` returns a fresh bus whose subscriptions are effective once `subscribe` resolves; the suite closes it.
 */
export function describeBusContract(name: string, makeBus: () => Promise<Bus>): void {
  describe(`Bus contract: ${name}`, () => {
    let bus: Bus;
    // Unique per test so adapters sharing a server (Redis) never see another test's traffic.
    let prefix: string;
    let counter = 0;

    beforeEach(async () => {
      bus = await makeBus();
      counter += 1;
      prefix = `contract:${process.pid}:${Date.now()}:${counter}`;
    });

    afterEach(async () => {
      await bus.close();
    });

    function recorder() {
      const received: unknown[] = [];
      const handler = (payload: unknown) => {
        received.push(payload);
      };
      return { received, handler };
    }

    it('delivers a published payload to every subscriber of the topic', async () => {
      const topic = `${prefix}:a`;
      const first = recorder();
      const second = recorder();
      await bus.subscribe(topic, first.handler);
      await bus.subscribe(topic, second.handler);

      await bus.publish(topic, { n: 1 });

      await vi.waitFor(() => {
        expect(first.received).toEqual([{ n: 1 }]);
        expect(second.received).toEqual([{ n: 1 }]);
      });
    });

    it('does not deliver to subscribers of other topics', async () => {
      const one = recorder();
      const other = recorder();
      await bus.subscribe(`${prefix}:one`, one.handler);
      await bus.subscribe(`${prefix}:other`, other.handler);

      await bus.publish(`${prefix}:one`, 'for one');
      await bus.publish(`${prefix}:other`, 'marker');

      await vi.waitFor(() => expect(other.received).toContain('marker'));
      await vi.waitFor(() => expect(one.received).toEqual(['for one']));
      expect(other.received).toEqual(['marker']);
    });

    it('resolves a publish with no subscriber', async () => {
      await expect(bus.publish(`${prefix}:nobody`, { x: 1 })).resolves.toBeUndefined();
    });

    it('stops delivering to a handler once its unsubscribe resolves', async () => {
      const topic = `${prefix}:u`;
      const leaving = recorder();
      const staying = recorder();
      const unsubscribe = await bus.subscribe(topic, leaving.handler);
      await bus.subscribe(topic, staying.handler);

      await bus.publish(topic, 1);
      await vi.waitFor(() => expect(leaving.received).toEqual([1]));
      await unsubscribe();
      await bus.publish(topic, 2);

      await vi.waitFor(() => expect(staying.received).toEqual([1, 2]));
      expect(leaving.received).toEqual([1]);
    });

    it('keeps other topics subscribed when one is unsubscribed, and tolerates a second unsubscribe', async () => {
      const kept = recorder();
      const dropped = recorder();
      await bus.subscribe(`${prefix}:kept`, kept.handler);
      const unsubscribe = await bus.subscribe(`${prefix}:dropped`, dropped.handler);
      await unsubscribe();
      await unsubscribe();

      await bus.publish(`${prefix}:dropped`, 'lost');
      await bus.publish(`${prefix}:kept`, 'ok');

      await vi.waitFor(() => expect(kept.received).toEqual(['ok']));
      expect(dropped.received).toEqual([]);
    });

    it("preserves one publisher's order, even when publishes are not awaited one by one", async () => {
      const topic = `${prefix}:order`;
      const { received, handler } = recorder();
      await bus.subscribe(topic, handler);
      const sent = Array.from({ length: 50 }, (_, i) => i + 1);

      await Promise.all(sent.map((n) => bus.publish(topic, { n })));

      await vi.waitFor(() => expect(received).toHaveLength(sent.length));
      expect(received).toEqual(sent.map((n) => ({ n })));
    });

    it('delivers payloads as JSON-equal data', async () => {
      const topic = `${prefix}:json`;
      const { received, handler } = recorder();
      await bus.subscribe(topic, handler);
      const payload = {
        type: 'message',
        text: 'héllo 👋 "quoted" \\ back\nslash',
        seq: 42,
        ratio: 0.5,
        negative: -7,
        ok: true,
        nothing: null,
        list: [1, 'two', { three: [3] }],
        nested: { deep: { deeper: { value: 'x' } } },
      };

      await bus.publish(topic, payload);
      await bus.publish(topic, 'plain string');
      await bus.publish(topic, 12);

      await vi.waitFor(() => expect(received).toHaveLength(3));
      expect(received).toEqual([payload, 'plain string', 12]);
    });

    it('hands text subscribers the JSON text, in order with the parsed subscribers', async () => {
      const topic = `${prefix}:text`;
      const texts: string[] = [];
      const parsed = recorder();
      await bus.subscribeText(topic, (text) => texts.push(text));
      await bus.subscribe(topic, parsed.handler);
      const payload = { type: 'message', message: { text: 'a "quoted" \\ é' } };

      await bus.publish(topic, payload);
      await bus.publish(topic, undefined);

      await vi.waitFor(() => expect(parsed.received).toHaveLength(2));
      expect(texts).toEqual([JSON.stringify(payload), 'null']);
      expect(parsed.received).toEqual([payload, null]);
    });

    it('delivers a payload published to several topics to each, in order with single publishes', async () => {
      const a = recorder();
      const b = recorder();
      await bus.subscribe(`${prefix}:a`, a.handler);
      await bus.subscribe(`${prefix}:b`, b.handler);

      await bus.publish(`${prefix}:a`, 1);
      await bus.publishToEach([`${prefix}:a`, `${prefix}:nobody`, `${prefix}:b`], { n: 2 });
      await bus.publish(`${prefix}:b`, 3);

      await vi.waitFor(() => {
        expect(a.received).toEqual([1, { n: 2 }]);
        expect(b.received).toEqual([{ n: 2 }, 3]);
      });
    });

    it('keeps delivering to the other handlers when one throws', async () => {
      const topic = `${prefix}:throw`;
      const before = recorder();
      const after = recorder();
      await bus.subscribe(topic, before.handler);
      await bus.subscribe(topic, () => {
        throw new Error('handler failure (expected by the test)');
      });
      await bus.subscribe(topic, after.handler);

      await bus.publish(topic, 1);
      await bus.publish(topic, 2);

      await vi.waitFor(() => {
        expect(before.received).toEqual([1, 2]);
        expect(after.received).toEqual([1, 2]);
      });
    });

    it('delivers to the same handler once per subscription', async () => {
      const topic = `${prefix}:twice`;
      const { received, handler } = recorder();
      const unsubscribeFirst = await bus.subscribe(topic, handler);
      await bus.subscribe(topic, handler);

      await bus.publish(topic, 'a');
      await vi.waitFor(() => expect(received).toEqual(['a', 'a']));

      await unsubscribeFirst();
      await bus.publish(topic, 'b');
      await vi.waitFor(() => expect(received).toEqual(['a', 'a', 'b']));
    });
  });
}
