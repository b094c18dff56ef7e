import type { Store } from '../../ports/store.ts';
import type { Fanout } from '../fanout.ts';
import { publishQueuePositions } from './queue-positions.ts';

/** Whose positions a publish sends: everyone's, or those of the conversations from the first of these on. */
type Audience = 'all' | Set<string>;

function merged(audience: Audience, from: string | undefined): Audience {
  if (audience === 'all' || from === undefined) return 'all';
  return audience.add(from);
}

/**
 * Publishes a queue's positions at most once at a time, and once more after that for every change asked for
 * meanwhile, however many. Each publish reads the whole waiting list and may send every waiting visitor a frame,
 * so publishing once per change would cost O(waiting²) when chats open in a burst; the frames carry absolute
 * figures, so the visitors only need the latest. The promise `publish` answers settles after a publish that
 * began after the call, so what it changed is in what was sent; it never rejects (a failed publish goes to
 * `onError`, and the next change sends absolute figures again), so callers need not wait for it.
 */
export class QueuePositionsPublisher {
  private readonly running = new Map<string, Promise<void>>();
  private readonly queued = new Map<string, { audience: Audience; done: Promise<void> }>();

  constructor(
    private readonly store: Store,
    private readonly fanout: Fanout,
    private readonly onError: (key: string, error: unknown) => void,
  ) {}

  /**
   * `from`: the conversation that just started waiting. Nobody ahead of it moved and the estimate's inputs did not
   * change, so only it and those behind it (none, usually: it is the newest) are sent their positions.
   */
  publish(queueId: string, from?: string): Promise<void> {
    const queued = this.queued.get(queueId);
    if (queued) {
      queued.audience = merged(queued.audience, from);
      return queued.done;
    }
    const audience: Audience = from === undefined ? 'all' : new Set([from]);
    const running = this.running.get(queueId);
    if (!running) return this.start(queueId, audience);
    const next = { audience };
    const done = running.then(() => {
      this.queued.delete(queueId);
      return this.start(queueId, next.audience);
    });
    this.queued.set(queueId, Object.assign(next, { done }));
    return done;
  }

  private start(queueId: string, audience: Audience): Promise<void> {
    const from = audience === 'all' ? undefined : audience;
    const run = publishQueuePositions(this.store, this.fanout, queueId, from)
      .catch((error: unknown) => this.onError(`queue-positions:${queueId}`, error))
      .finally(() => {
        if (this.running.get(queueId) === run) this.running.delete(queueId);
      });
    this.running.set(queueId, run);
    return run;
  }
}
