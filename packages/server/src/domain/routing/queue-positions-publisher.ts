import type { Store } from '../../ports/store.ts';
import type { Fanout } from '../fanout.ts';
import { publishQueuePositions } from './queue-positions.ts';

/**
 * Publishes a queue's positions at most once at a time, and once more after that for every change asked for
 * meanwhile, however many. Each publish reads the whole waiting list and sends every waiting visitor a frame, so
 * publishing once per change would cost O(waiting²) when chats open in a burst; the frames carry absolute
 * figures, so the visitors only need the latest. A caller's promise settles after a publish that began after
 * the call, so what it changed is in what was sent.
 */
export class QueuePositionsPublisher {
  private readonly running = new Map<string, Promise<void>>();
  private readonly queued = new Map<string, Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly fanout: Fanout,
  ) {}

  publish(queueId: string): Promise<void> {
    const queued = this.queued.get(queueId);
    if (queued) return queued;
    const running = this.running.get(queueId);
    if (!running) return this.start(queueId);
    const next = running
      .catch(() => {})
      .then(() => {
        this.queued.delete(queueId);
        return this.start(queueId);
      });
    this.queued.set(queueId, next);
    return next;
  }

  private start(queueId: string): Promise<void> {
    const run = publishQueuePositions(this.store, this.fanout, queueId).finally(() => {
      if (this.running.get(queueId) === run) this.running.delete(queueId);
    });
    this.running.set(queueId, run);
    return run;
  }
}
