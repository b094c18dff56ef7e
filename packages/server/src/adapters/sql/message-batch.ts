import type { ChatMessage } from '@beckon/protocol';
import type { NewMessage, NewVisitorMessage, VisitorMessageAppended } from '../../ports/store.ts';

/** Thrown for a message whose conversation does not exist: nothing was written for it. */
export class MissingConversation extends Error {}

/** One append of a batch: a message for a known conversation, or a visitor's for their open one. */
export type BatchEntry =
  | { kind: 'message'; message: NewMessage }
  | { kind: 'visitor'; message: NewVisitorMessage };

/** `message`: the stored message; `visitor`: the message and its conversation, or undefined when none is open. */
export type BatchOutcome = ChatMessage | VisitorMessageAppended | undefined;

/** Appends that cannot be part of a batch fall back to this (one transaction per message). */
export type AppendOne<In, Out> = (message: In) => Promise<Out>;

/**
 * Appends the messages in ONE transaction, in order; a message whose conversation is missing gets a
 * `MissingConversation` outcome, any other failure rolls everything back and rejects (SQLite's `HotStatements.appendAll`, PostgreSQL's
 * `appendBatchOnce`).
 */
export type AppendBatch<In, Out> = (messages: In[]) => Promise<(Out | MissingConversation)[]>;

interface Pending<In, Out> {
  message: In;
  resolve: (stored: Out) => void;
  reject: (error: unknown) => void;
}

/** Most messages one transaction takes; the rest wait for the next one. */
const maxBatch = 256;

/**
 * Group commit, for SQLite and PostgreSQL. With `synchronous = FULL` every SQLite commit waits for the disk, so one
 * transaction per message caps the relay at the disk's flush rate; on PostgreSQL each statement is a round trip
 * and a commit. Messages that arrive in the same turn of the
 * event loop are appended in ONE transaction, each exactly as `appendMessage` would (client-id retry check,
 * the last seq + 1, insert), and every caller is answered only after that transaction has committed: an ack still
 * means "stored". Order is arrival order, so seqs within a conversation follow it as before.
 *
 * A message whose conversation does not exist fails alone (nothing was written for it). Any other error rolls
 * the whole batch back, and its messages are appended again one by one, so each caller gets its own answer.
 */
export class MessageBatcher<In = NewMessage, Out = ChatMessage> {
  private queue: Pending<In, Out>[] = [];
  private scheduled = false;

  /**
   * `durable`, when given, runs once after each committed batch (and after each one-by-one append) before any
   * caller is answered: SQLite's flush of the write-ahead log, once per batch rather than once per message.
   */
  constructor(
    private readonly appendBatch: AppendBatch<In, Out>,
    private readonly appendOne: AppendOne<In, Out>,
    private readonly durable?: () => Promise<void>,
  ) {}

  append(message: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // After the poll phase: every frame read from the sockets in this turn is in the queue by then.
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0, maxBatch);
    try {
      if (batch.length > 0) await this.together(batch);
    } finally {
      this.scheduled = false;
      if (this.queue.length > 0) this.schedule();
    }
  }

  private async one(pending: Pending<In, Out>): Promise<void> {
    try {
      const stored = await this.appendOne(pending.message);
      if (this.durable) await this.durable();
      pending.resolve(stored);
    } catch (error) {
      pending.reject(error);
    }
  }

  private async together(batch: Pending<In, Out>[]): Promise<void> {
    let outcomes: (Out | MissingConversation)[];
    try {
      outcomes = await this.appendBatch(batch.map((pending) => pending.message));
    } catch {
      for (const pending of batch) await this.one(pending);
      return;
    }
    if (this.durable) {
      try {
        await this.durable();
      } catch (error) {
        // Committed, but not known to be on disk: no caller is told "stored" (a retry finds its client id).
        for (const pending of batch) pending.reject(error);
        return;
      }
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i]!;
      if (outcome instanceof MissingConversation) pending.reject(outcome);
      else pending.resolve(outcome);
    });
  }
}
