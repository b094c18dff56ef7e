import { transcriptMailLimits } from '@beckon/protocol';
import type { OutgoingMail } from '../../ports/mail.ts';
import type { OutboxMailRow, Store } from '../../ports/store.ts';
import { fail } from '../errors.ts';
import type { FileLinks } from '../files/file-links.ts';
import { mailLanguage } from '../left-messages/left-message-mails.ts';
import type { MailOutbox } from '../mail/mail-outbox.ts';
import type { VisitorSession } from '../visitors/visitor-session.ts';
import { transcriptLines, transcriptMail } from './transcript-mail.ts';

/**
 * Transcripts by e-mail. The visitor's request is checked (their own conversation, the limits) and written to
 * the durable mail outbox without content: the mail is built from the stored messages when it is sent (files as
 * signed, expiring links), so a retry carries what the conversation holds then.
 */
export class TranscriptMails {
  constructor(
    private readonly store: Store,
    private readonly outbox: MailOutbox,
    private readonly links: FileLinks,
  ) {
    outbox.build('transcript', (row) => this.build(row));
  }

  /** The visitor asks for the transcript of their conversation at `email`. */
  async request(
    session: VisitorSession,
    conversationId: string,
    email: string,
    language: string | undefined,
  ): Promise<void> {
    if (!this.outbox.configured)
      fail('TRANSCRIPT_MAIL_UNAVAILABLE', 'Transcripts cannot be e-mailed from this server.');
    const conversation = await this.store.getConversation(conversationId);
    if (!conversation || conversation.visitorId !== session.visitorId) {
      fail('CONVERSATION_NOT_FOUND', `No conversation ${conversationId} for you.`);
    }
    const queued = await this.outbox.enqueue(
      {
        kind: 'transcript',
        visitorId: session.visitorId,
        conversationId,
        recipient: email,
        language: mailLanguage(language ?? session.widget.locale, session.language),
        ...(session.timeZone ? { timeZone: session.timeZone } : {}),
      },
      {
        perConversation: transcriptMailLimits.perConversationPerDay,
        perVisitor: transcriptMailLimits.perVisitorPerDay,
      },
    );
    if (queued === 'limited') {
      fail('TRANSCRIPT_MAIL_LIMITED', 'Too many transcript e-mails for this chat today; try tomorrow.');
    }
  }

  private async build(row: OutboxMailRow): Promise<OutgoingMail | undefined> {
    const conversation = await this.store.getConversation(row.conversationId);
    // Erased meanwhile: nothing left to send.
    if (!conversation) return undefined;
    const widget = await this.store.getWidget(conversation.widgetId);
    const language = row.language === 'fr' ? 'fr' : 'en';
    const messages = await this.store.listMessages(row.conversationId, 0);
    // Links made at sending time: a retried mail's links still last their whole lifetime.
    const linksExpireAt = this.links.expiryFromNow();
    return transcriptMail({
      to: row.recipient,
      widgetTitle: widget?.title ?? '',
      language,
      lines: transcriptLines(messages, language, row.timeZone, (fileId) =>
        this.links.url(fileId, linksExpireAt),
      ),
      linksExpireAt,
      ...(row.timeZone ? { timeZone: row.timeZone } : {}),
    });
  }
}
