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
  /** Its sender's key (`BatchOptions.key`): at most one batch in flight holds a sender's messages. */
  key: string | undefined;
  resolve: (stored: Out) => void;
  reject: (error: unknown) => void;
}

export interface BatchOptions<In> {
  /**
   * Runs once after each committed batch (and after each one-by-one append) before any caller is answered:
   * SQLite's flush of the write-ahead log, once per batch rather than once per message.
   */
  durable?: () => Promise<void>;
  /** Batches in flight at once (committing, or waiting for `durable`); 1 when not given. */
  depth?: number;
  /**
   * The sender of a message (a visitor, or a conversation for the others' messages). With `depth` above 1, a
   * sender's messages wait while a batch holding one of theirs is in flight, so each sender's messages are
   * stored and answered in the order they arrived.
   */
  key?: (message: In) => string;
}

/** A batch entry's sender, for `BatchOptions.key`: the visitor, or the conversation of another's message. */
export function senderKey(entry: BatchEntry): string {
  return entry.kind === 'visitor'
    ? `visitor:${entry.message.visitorId}`
    : `conversation:${entry.message.conversationId}`;
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
 *
 * With `depth` above 1 the next turn's batch does not wait for the one in flight (committing on PostgreSQL, or
 * waiting for SQLite's log flush): commits follow each other as the messages come, as the minimal durable relay
 * does, and a sender's next message waits only for a batch that holds one of theirs.
 */
export class MessageBatcher<In = NewMessage, Out = ChatMessage> {
  private queue: Pending<In, Out>[] = [];
  private scheduled = false;
  private paused = false;
  private running = 0;
  /** Senders with a batch in flight, and how many of their messages it holds. */
  private readonly busy = new Map<string, number>();
  private readonly depth: number;

  constructor(
    private readonly appendBatch: AppendBatch<In, Out>,
    private readonly appendOne: AppendOne<In, Out>,
    private readonly options: BatchOptions<In> = {},
  ) {
    this.depth = options.depth ?? 1;
  }

  append(message: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message, key: this.options.key?.(message), resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // After the poll phase: every frame read from the sockets in this turn is in the queue by then.
    setImmediate(() => this.flush());
  }

  /**
   * Starts no batch until `resume`; batches already committed go on to their flush and answers. SQLite's
   * checkpoint thread copies the end of the log meanwhile, so the next commit can start the log again.
   */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    if (this.queue.length > 0) this.schedule();
  }

  /** Starts batches while fewer than `depth` are in flight; the rest wait for one to finish. */
  private flush(): void {
    this.scheduled = false;
    if (this.paused) return;
    while (this.running < this.depth && this.queue.length > 0) {
      const batch = this.take();
      if (batch.length === 0) return;
      this.running += 1;
      void this.together(batch).finally(() => {
        this.running -= 1;
        for (const { key } of batch) this.release(key);
        if (this.queue.length > 0) this.schedule();
      });
    }
  }

  /** The next batch: up to `maxBatch` messages, in arrival order, of senders with none in flight. */
  private take(): Pending<In, Out>[] {
    if (this.busy.size === 0 && this.queue.length <= maxBatch) {
      const all = this.queue;
      this.queue = [];
      this.hold(all);
      return all;
    }
    const batch: Pending<In, Out>[] = [];
    const rest: Pending<In, Out>[] = [];
    for (const pending of this.queue) {
      const free = pending.key === undefined || !this.busy.has(pending.key);
      if (free && batch.length < maxBatch) batch.push(pending);
      else rest.push(pending);
    }
    this.queue = rest;
    this.hold(batch);
    return batch;
  }

  private hold(batch: Pending<In, Out>[]): void {
    for (const { key } of batch) if (key !== undefined) this.busy.set(key, (this.busy.get(key) ?? 0) + 1);
  }

  private release(key: string | undefined): void {
    if (key === undefined) return;
    const left = (this.busy.get(key) ?? 1) - 1;
    if (left > 0) this.busy.set(key, left);
    else this.busy.delete(key);
  }

  private async one(pending: Pending<In, Out>): Promise<void> {
    try {
      const stored = await this.appendOne(pending.message);
      if (this.options.durable) await this.options.durable();
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
    if (this.options.durable) {
      try {
        await this.options.durable();
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
