import type { Mailer, OutgoingMail } from '../../ports/mail.ts';
import type { Deadlines } from '../../scheduler/deadlines.ts';

/** Waits before each retry after a failed send: bounded, then the mail is given up (and reported). */
export const mailRetryDelaysMs = [30_000, 2 * 60_000, 10 * 60_000, 60 * 60_000] as const;

/**
 * Sends mail through the port, retrying a failed send on the clock (`mailRetryDelaysMs`, then gives up).
 * Without a mailer (no SMTP configured) nothing is sent. Pending retries live in this node's memory: a
 * restart drops them.
 */
export class MailOutbox {
  private next = 0;
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly mailer: Mailer | undefined,
    private readonly deadlines: Deadlines,
    private readonly now: () => number,
    private readonly onGiveUp: (mail: OutgoingMail, error: unknown) => void,
  ) {}

  get configured(): boolean {
    return this.mailer !== undefined;
  }

  /**
   * Starts the first attempt and returns at once: a slow or unreachable mail server never holds up the frame
   * that asked (each socket handles one frame at a time). Failures are retried later, never thrown.
   */
  send(mail: OutgoingMail): void {
    if (!this.mailer) return;
    const key = `mail:${this.next++}`;
    this.inFlight.add(key);
    void this.attempt(mail, key, 0);
  }

  /** Mails not yet accepted by the server nor given up: being sent, or waiting for a retry. */
  pending(): number {
    return this.inFlight.size;
  }

  /** When the mail waiting for its next attempt is retried, for tests on the fake clock. */
  retryAt(): number[] {
    return [...this.inFlight].flatMap((key) => this.deadlines.dueAt(key) ?? []);
  }

  private async attempt(mail: OutgoingMail, key: string, failures: number): Promise<void> {
    try {
      await this.mailer?.send(mail);
      this.inFlight.delete(key);
    } catch (error) {
      const delay = mailRetryDelaysMs[failures];
      if (delay === undefined) {
        this.inFlight.delete(key);
        this.onGiveUp(mail, error);
        return;
      }
      this.deadlines.arm(key, this.now() + delay, () => this.attempt(mail, key, failures + 1));
    }
  }
}
