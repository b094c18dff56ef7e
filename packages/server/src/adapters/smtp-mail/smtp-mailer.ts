import nodemailer, { type Transporter } from 'nodemailer';
import type { Mailer, OutgoingMail } from '../../ports/mail.ts';

/**
 * The mail port over SMTP with nodemailer: `url` is an SMTP URL (`smtp://user:pass@host:587`,
 * `smtps://…:465`), `from` the sender address. A mail without `html` is text
 * only.
 */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(mail: OutgoingMail): Promise<void> {
    const { to, subject, text, html } = mail;
    await this.transport.sendMail({ from: this.from, to, subject, text, ...(html ? { html } : {}) });
  }

  close(): void {
    this.transport.close();
  }
}
