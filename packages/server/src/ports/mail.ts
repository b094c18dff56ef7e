/**
 * Outgoing e-mail. `text` is always there; `html` only where a renderer escapes every typed value into it (the
 * transcript mail, through Mustache), so what a visitor or agent typed can never inject markup.
 */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  /** Resolves once the mail server accepted the message; rejects when it did not (the caller retries). */
  send(mail: OutgoingMail): Promise<void>;
}
