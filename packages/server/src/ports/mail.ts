/** Outgoing e-mail. Text only: the body is never read as HTML, so what a visitor or agent typed cannot inject markup. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Resolves once the mail server accepted the message; rejects when it did not (the caller retries). */
  send(mail: OutgoingMail): Promise<void>;
}
