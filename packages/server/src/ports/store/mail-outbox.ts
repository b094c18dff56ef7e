/**
 * Mail waiting to be sent (transcripts, left messages' copies and answers): durable, so a restart or a failing
 * mail server loses nothing, and claimed by one node at a time. The recipient's address and the mail's content
 * are cleared once the mail is sent or given up; the row (ids and times only) stays a day, for the limits.
 */

export type OutboxMailKind = 'transcript' | 'left-message-copy' | 'left-message-reply';

/** A mail written when it was asked for; a transcript has none (it is built from the messages when sent). */
export interface OutboxMailContent {
  subject: string;
  text: string;
  html?: string;
}

export interface NewOutboxMail {
  id: string;
  kind: OutboxMailKind;
  visitorId: string;
  conversationId: string;
  recipient: string;
  /** The language the mail is written in: 'en' or 'fr'. */
  language: string;
  /** The visitor's IANA time zone, for the messages' times; absent means UTC. */
  timeZone?: string;
  content?: OutboxMailContent;
  createdAt: number;
}

export interface OutboxMailRow extends NewOutboxMail {
  /** Failed attempts so far. */
  attempts: number;
}

/** At most this many mails of the same kind asked for since `since`, for one conversation and for one visitor. */
export interface OutboxLimits {
  since: number;
  perConversation: number;
  perVisitor: number;
}

export interface MailOutboxStore {
  /** Queues the mail, due now, unless the conversation or the visitor reached its limit: then nothing. */
  enqueueMail(mail: NewOutboxMail, limits?: OutboxLimits): Promise<'queued' | 'limited'>;
  /**
   * Pending mails due by `now`, claimed for `node` until `leaseUntil` (a node that dies mid-send leaves its
   * claim to lapse). Each row is claimed by a conditional write: of concurrent callers one gets it.
   */
  claimDueMails(now: number, node: string, leaseUntil: number, limit: number): Promise<OutboxMailRow[]>;
  /** Sent: the address and content are cleared. */
  mailSent(id: string, now: number): Promise<void>;
  /** Refused: retried at `retryAt`, or given up (address and content cleared) when it is undefined. */
  mailFailed(id: string, retryAt: number | undefined): Promise<void>;
  /** Deletes sent and given-up rows created before `before`; how many. */
  purgeMailOutbox(before: number): Promise<number>;
}
