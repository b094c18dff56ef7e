import type { Clock } from '../../ports/clock.ts';
import type { Store } from '../../ports/store.ts';
import type { Deadlines } from '../../scheduler/deadlines.ts';
import type { Fanout } from '../fanout.ts';
import { publishQueuePositions } from './queue-positions.ts';

/** Whose positions a publish sends: everyone's, or those of the conversations from the first of these on. */
type Audience = 'all' | Set<string>;

function merged(audience: Audience, from: string | undefined): Audience {
  if (audience === 'all' || from === undefined) return 'all';
  return audience.add(from);
}

/**
 * Least time between the starts of two publishes to everyone waiting in a queue. In a burst of accepts everyone
 * behind moves up after each one, and each publish writes a frame to every waiting visitor's socket; the
 * visitors need the latest figures within a moment, not a frame per move.
 */
export const everyoneInterval = 250;

/**
 * Publishes a queue's positions at most once at a time, and once more after that for every change asked for
 * meanwhile, however many. Each publish reads the whole waiting list and may send every waiting visitor a frame,
 * so publishing once per change would cost O(waiting²) when chats open in a burst; the frames carry absolute
 * figures, so the visitors only need the latest. A publish to everyone waits until `everyoneInterval` has passed
 * since the last one began (the first of a quiet queue goes at once); one to a newcomer alone does not. The
 * promise `publish` answers settles after a publish that began after the call, so what it changed is in what was
 * sent; it never rejects (a failed publish goes to `onError`, and the next change sends absolute figures again),
 * so callers need not wait for it.
 */
export class QueuePositionsPublisher {
  private readonly running = new Map<string, Promise<void>>();
  private readonly queued = new Map<string, { audience: Audience; done: Promise<void> }>();
  /** When the last publish to everyone began, per queue. */
  private readonly lastEveryone = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly fanout: Fanout,
    private readonly clock: Clock,
    private readonly deadlines: Deadlines,
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
    if (!running && this.dueAt(queueId, audience) <= this.clock.now()) return this.start(queueId, audience);
    const next = { audience };
    const done = (running ?? Promise.resolve())
      .then(() => this.until(queueId, this.dueAt(queueId, next.audience)))
      .then(() => {
        this.queued.delete(queueId);
        return this.start(queueId, next.audience);
      });
    this.queued.set(queueId, Object.assign(next, { done }));
    return done;
  }

  /** When a publish to this audience may begin. */
  private dueAt(queueId: string, audience: Audience): number {
    if (audience !== 'all') return Number.NEGATIVE_INFINITY;
    return (this.lastEveryone.get(queueId) ?? Number.NEGATIVE_INFINITY) + everyoneInterval;
  }

  private until(queueId: string, at: number): Promise<void> {
    if (at <= this.clock.now()) return Promise.resolve();
    return new Promise((resolve) =>
      this.deadlines.arm(`queue-positions:${queueId}`, at, async () => resolve()),
    );
  }

  private start(queueId: string, audience: Audience): Promise<void> {
    if (audience === 'all') this.lastEveryone.set(queueId, this.clock.now());
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
