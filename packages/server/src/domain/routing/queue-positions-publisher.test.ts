import { FakeClock } from '@beckon/test-kit';
import { describe, expect, it } from 'vitest';
import type { QueueStanding, Store } from '../../ports/store.ts';
import { Deadlines } from '../../scheduler/deadlines.ts';
import type { Fanout } from '../fanout.ts';
import { everyoneInterval, QueuePositionsPublisher } from './queue-positions-publisher.ts';

/** A store whose standing reads wait until released, and a fanout that records the frames. */
function harness() {
  const reads: { queueId: string; release: () => void }[] = [];
  let waiting: QueueStanding['waiting'] = [{ conversationId: 'cnv_1', visitorId: 'vis_1' }];
  const store = {
    getQueueStanding: (queueId: string) =>
      new Promise<QueueStanding>((resolve) => {
        const snapshot = waiting;
        reads.push({
          queueId,
          release: () => resolve({ waiting: snapshot, handled: { totalMs: 0, count: 0 }, slots: 0 }),
        });
      }),
  } as unknown as Store;
  const sent: string[] = [];
  const positions: number[] = [];
  const fanout = {
    toVisitor: async (visitorId: string, frame: { position: number }) => {
      sent.push(visitorId);
      positions.push(frame.position);
    },
  } as unknown as Fanout;
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const errors: unknown[] = [];
  const onError = (_key: string, error: unknown) => errors.push(error);
  const clock = new FakeClock(0);
  const deadlines = new Deadlines(clock, onError);
  return {
    clock,
    publisher: () => new QueuePositionsPublisher(store, fanout, clock, deadlines, onError),
    reads,
    sent,
    positions,
    errors,
    onError,
    store,
    fanout,
    settle,
    setWaiting: (w: QueueStanding['waiting']) => (waiting = w),
  };
}

describe('QueuePositionsPublisher', () => {
  it('runs one publish at a time per queue, and one more for every change asked for meanwhile', async () => {
    const h = harness();
    const publisher = h.publisher();
    const first = publisher.publish('que_1');
    await h.settle();
    // Five changes while the first publish reads: one more publish covers them all.
    h.setWaiting([
      { conversationId: 'cnv_1', visitorId: 'vis_1' },
      { conversationId: 'cnv_2', visitorId: 'vis_2' },
    ]);
    const later = [1, 2, 3, 4, 5].map(() => publisher.publish('que_1'));
    let laterSettled = false;
    void Promise.all(later).then(() => (laterSettled = true));
    expect(h.reads).toHaveLength(1);
    h.reads[0]!.release();
    await first;
    await h.settle();
    // The callers after the first read started wait for a read that began after their call, and that one
    // (to everyone again) for the interval since the first began.
    expect(laterSettled).toBe(false);
    expect(h.reads).toHaveLength(1);
    await h.clock.advance(everyoneInterval - 1);
    expect(h.reads).toHaveLength(1);
    await h.clock.advance(1);
    await h.settle();
    expect(h.reads).toHaveLength(2);
    h.reads[1]!.release();
    await Promise.all(later);
    expect(h.reads).toHaveLength(2);
    expect(h.sent).toEqual(['vis_1', 'vis_1', 'vis_2']);
  });

  it('publishes other queues independently, and again once idle', async () => {
    const h = harness();
    const publisher = h.publisher();
    const one = publisher.publish('que_1');
    const two = publisher.publish('que_2');
    await h.settle();
    expect(h.reads.map((r) => r.queueId)).toEqual(['que_1', 'que_2']);
    for (const read of h.reads) read.release();
    await Promise.all([one, two]);
    await h.clock.advance(everyoneInterval);
    const again = publisher.publish('que_1');
    await h.settle();
    expect(h.reads).toHaveLength(3);
    h.reads[2]!.release();
    await again;
  });

  it('tells a conversation that started waiting, and those behind it, but not those ahead', async () => {
    const h = harness();
    h.setWaiting(['1', '2', '3'].map((n) => ({ conversationId: `cnv_${n}`, visitorId: `vis_${n}` })));
    const publisher = h.publisher();
    const joined = publisher.publish('que_1', 'cnv_2');
    await h.settle();
    h.reads[0]!.release();
    await joined;
    expect(h.sent).toEqual(['vis_2', 'vis_3']);
    expect(h.positions).toEqual([2, 3]);
    // Asked meanwhile: a new arrival and a change for everyone make one publish to everyone.
    const running = publisher.publish('que_1', 'cnv_3');
    const arrival = publisher.publish('que_1', 'cnv_3');
    const everyone = publisher.publish('que_1');
    await h.settle();
    h.reads[1]!.release();
    await running;
    await h.settle();
    h.reads[2]!.release();
    await Promise.all([arrival, everyone]);
    expect(h.reads).toHaveLength(3);
    expect(h.sent).toEqual(['vis_2', 'vis_3', 'vis_3', 'vis_1', 'vis_2', 'vis_3']);
  });

  it('reports a failed publish instead of rejecting, and publishes again on the next change', async () => {
    const h = harness();
    const publisher = h.publisher();
    const store = h.store as unknown as { getQueueStanding: () => Promise<never> };
    const read = store.getQueueStanding;
    store.getQueueStanding = () => Promise.reject(new Error('connection lost'));
    await publisher.publish('que_1');
    expect(h.errors).toEqual([new Error('connection lost')]);
    store.getQueueStanding = read;
    await h.clock.advance(everyoneInterval);
    const again = publisher.publish('que_1');
    await h.settle();
    h.reads[0]!.release();
    await again;
    expect(h.sent).toEqual(['vis_1']);
  });

  it('tells a newcomer at once, but everyone at most once per interval, the latest figures then', async () => {
    const h = harness();
    const publisher = h.publisher();
    const everyone = publisher.publish('que_1');
    await h.settle();
    h.reads[0]!.release();
    await everyone;
    // A newcomer right after: its own frame goes at once.
    h.setWaiting(['1', '2'].map((n) => ({ conversationId: `cnv_${n}`, visitorId: `vis_${n}` })));
    const newcomer = publisher.publish('que_1', 'cnv_2');
    await h.settle();
    h.reads[1]!.release();
    await newcomer;
    expect(h.sent).toEqual(['vis_1', 'vis_2']);
    // Three moves within the interval: one publish to everyone when it has passed, with the last figures.
    const moves = [1, 2, 3].map(() => publisher.publish('que_1'));
    h.setWaiting([{ conversationId: 'cnv_2', visitorId: 'vis_2' }]);
    await h.clock.advance(everyoneInterval - 1);
    await h.settle();
    expect(h.reads).toHaveLength(2);
    await h.clock.advance(1);
    await h.settle();
    h.reads[2]!.release();
    await Promise.all(moves);
    expect(h.sent).toEqual(['vis_1', 'vis_2', 'vis_2']);
    expect(h.positions).toEqual([1, 2, 1]);
  });
});
