import { describe, expect, it } from 'vitest';
import type { Bus } from '../../ports/bus.ts';
import type { QueueRow, QueueStore, RuleRow, RuleStore, WidgetRow, WidgetStore } from '../../ports/store.ts';
import { topics } from '../fanout.ts';
import { CapacityWatch } from './capacity-watch.ts';

type WatchedStore = Pick<QueueStore, 'listQueues' | 'listQueueMembers'> &
  Pick<WidgetStore, 'listWidgets'> &
  Pick<RuleStore, 'listRules'>;

const noStore: WatchedStore = {
  listQueues: async () => [],
  listQueueMembers: async () => [],
  listWidgets: async () => [],
  listRules: async () => [],
};

/** The domain may not import adapters: a bus that delivers in publish order, in process. */
function localBus(): Bus {
  const handlers = new Map<string, ((payload: unknown) => void)[]>();
  return {
    async publish(topic, payload) {
      for (const handler of handlers.get(topic) ?? []) handler(payload);
    },
    async publishToEach() {
      throw new Error('not used by CapacityWatch');
    },
    async subscribe(topic, handler) {
      handlers.set(topic, [...(handlers.get(topic) ?? []), handler]);
      return async () => {};
    },
    async subscribeText() {
      throw new Error('not used by CapacityWatch');
    },
    async close() {},
    async ping() {},
  };
}

describe('CapacityWatch', () => {
  it('coalesces a burst of changes per widget: one pass running, one more after it, never one per change', async () => {
    const passes: string[] = [];
    let release: () => void = () => {};
    const watch = new CapacityWatch(
      noStore,
      localBus(),
      async (widgetId) => {
        passes.push(widgetId);
        if (passes.length === 1) await new Promise<void>((resolve) => (release = resolve));
      },
      () => {},
    );
    for (let i = 0; i < 10; i++) watch.schedule('wgt_a');
    watch.schedule('wgt_b');
    expect(passes).toEqual(['wgt_a', 'wgt_b']);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(passes).toEqual(['wgt_a', 'wgt_b', 'wgt_a']);
  });

  it('publishes to the widgets of the agent queues only, and hears only the widgets it watches', async () => {
    const bus = localBus();
    const store: WatchedStore = {
      listQueues: async () => [{ id: 'q_sales' }, { id: 'q_support' }] as QueueRow[],
      listQueueMembers: async (queueId: string) => (queueId === 'q_sales' ? ['usr_1'] : ['usr_2']),
      listWidgets: async () =>
        [
          { id: 'wgt_sales', queueId: 'q_sales' },
          { id: 'wgt_support', queueId: 'q_support' },
        ] as WidgetRow[],
      listRules: async () => [],
    };
    const published: string[] = [];
    await bus.subscribe(topics.capacity('wgt_sales'), () => published.push('wgt_sales'));
    await bus.subscribe(topics.capacity('wgt_support'), () => published.push('wgt_support'));
    const rechecked: string[] = [];
    const watch = new CapacityWatch(
      store,
      bus,
      async (id) => void rechecked.push(id),
      () => {},
    );
    await watch.watch('wgt_sales');
    await watch.watch('wgt_sales');
    await watch.changed('usr_1');
    await new Promise((resolve) => setImmediate(resolve));
    expect(published).toEqual(['wgt_sales']);
    expect(rechecked).toEqual(['wgt_sales']);
    await watch.changed('usr_2');
    await new Promise((resolve) => setImmediate(resolve));
    expect(published).toEqual(['wgt_sales', 'wgt_support']);
    expect(rechecked).toEqual(['wgt_sales']);
  });

  it('also tells a widget whose rule routes to the agent’s queue', async () => {
    const bus = localBus();
    const store: WatchedStore = {
      listQueues: async () => [{ id: 'q_support' }, { id: 'q_sales' }] as QueueRow[],
      listQueueMembers: async (queueId: string) => (queueId === 'q_sales' ? ['usr_1'] : []),
      listWidgets: async () => [{ id: 'wgt_shop', queueId: 'q_support' }] as WidgetRow[],
      listRules: async () => [{ id: 'rul_1', queueId: 'q_sales' }] as RuleRow[],
    };
    const published: string[] = [];
    await bus.subscribe(topics.capacity('wgt_shop'), () => published.push('wgt_shop'));
    const watch = new CapacityWatch(
      store,
      bus,
      async () => {},
      () => {},
    );
    await watch.changed('usr_1');
    expect(published).toEqual(['wgt_shop']);
  });
});
