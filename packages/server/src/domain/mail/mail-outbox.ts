import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import type { Mailer, OutgoingMail } from '../../ports/mail.ts';
import type { NewOutboxMail, OutboxLimits, OutboxMailKind, OutboxMailRow, Store } from '../../ports/store.ts';
import { Periodic } from '../../scheduler/periodic.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Waits before each retry after a failed send: bounded, then the mail is given up (and reported). */
export const mailRetryDelaysMs = [30_000, 2 * 60_000, 10 * 60_000, 60 * 60_000] as const;
/** How often the outbox is read for mails due (a retry falls due at most this late). */
export const mailOutboxIntervalMs = 10_000;
/** A node's claim on a mail it is sending; a node that dies mid-send leaves it to another after this. */
const claimMs = 2 * 60_000;
/** Mails sent per run: a long backlog is worked through run after run. */
const batch = 20;

/** Builds a mail kept without content (a transcript) when it is sent; undefined: nothing left to send. */
export type MailBuilder = (row: OutboxMailRow) => Promise<OutgoingMail | undefined>;

/**
 * Every e-mail Beckon sends goes through here: written to the durable `mail_outbox` table, worked through on the
 * clock by whichever node claims each mail first, retried after `mailRetryDelaysMs`, then given up and reported
 * (`mail-given-up:<id>`). A mail is sent as written when it was asked for, or built at sending time by its
 * kind's builder. Without a mailer (no SMTP configured) nothing is queued nor sent.
 */
export class MailOutbox {
  private readonly cadence: Periodic;
  private readonly builders = new Map<OutboxMailKind, MailBuilder>();
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly mailer: Mailer | undefined,
    private readonly nodeId: string,
    private readonly onError: (key: string, error: unknown) => void,
  ) {
    this.cadence = new Periodic(
      clock,
      mailOutboxIntervalMs,
      () => this.work(),
      (error) => onError('mail-outbox', error),
    );
  }

  get configured(): boolean {
    return this.mailer !== undefined;
  }

  /** How mails of `kind` stored without content are built when sent. */
  build(kind: OutboxMailKind, builder: MailBuilder): void {
    this.builders.set(kind, builder);
  }

  /**
   * Queues a mail (due now) unless `limits` are reached, and starts sending at once without waiting: a slow
   * mail server never holds up the frame that asked. Without a mailer: 'unconfigured', nothing stored.
   */
  async enqueue(
    mail: Omit<NewOutboxMail, 'id' | 'createdAt'>,
    limits?: Omit<OutboxLimits, 'since'>,
  ): Promise<'queued' | 'limited' | 'unconfigured'> {
    if (!this.mailer) return 'unconfigured';
    const now = this.clock.now();
    const queued = await this.store.enqueueMail(
      { ...mail, id: this.ids.next('mail'), createdAt: now },
      limits && { since: now - DAY_MS, ...limits },
    );
    if (queued === 'queued') void this.work();
    return queued;
  }

  start(): void {
    if (this.mailer) this.cadence.start();
  }

  stop(): Promise<void> {
    return this.cadence.stop().then(() => this.running);
  }

  /** Sends what is due (one run at a time; a request during a run makes it go round once more). */
  work(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.sendDue();
      } while (this.again);
    })()
      .catch((error: unknown) => this.onError('mail-outbox', error))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async sendDue(): Promise<void> {
    const mailer = this.mailer;
    if (!mailer) return;
    const now = this.clock.now();
    await this.store.purgeMailOutbox(now - DAY_MS);
    for (;;) {
      const mails = await this.store.claimDueMails(now, this.nodeId, now + claimMs, batch);
      for (const mail of mails) await this.sendOne(mailer, mail);
      if (mails.length < batch) return;
    }
  }

  private async sendOne(mailer: Mailer, row: OutboxMailRow): Promise<void> {
    const mail = row.content
      ? { to: row.recipient, ...row.content }
      : await this.builders.get(row.kind)?.(row);
    // Nothing to send (the conversation erased meanwhile, or a kind this node cannot build): given up quietly.
    if (!mail) return this.store.mailFailed(row.id, undefined);
    try {
      await mailer.send(mail);
    } catch (error) {
      const delay = mailRetryDelaysMs[row.attempts];
      await this.store.mailFailed(row.id, delay === undefined ? undefined : this.clock.now() + delay);
      if (delay === undefined) this.onError(`mail-given-up:${row.id}`, error);
      return;
    }
    await this.store.mailSent(row.id, this.clock.now());
  }
}
