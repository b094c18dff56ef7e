import type { OutgoingMail } from '../../ports/mail.ts';

/** The e-mails of a left message, in English or French, as plain text (never HTML). */

export type MailLanguage = 'en' | 'fr';

/** The widget's language, or the visitor's when the widget follows the browser ('auto'): en or fr. */
export function mailLanguage(widgetLocale: string, visitorLanguage: string): MailLanguage {
  const language = widgetLocale === 'auto' ? visitorLanguage : widgetLocale;
  return language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** A header value on one line: a title with a line break must not start a header of its own. */
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ').trim();

export function copyMail(input: {
  to: string;
  name: string;
  text: string;
  widgetTitle: string;
  language: MailLanguage;
}): OutgoingMail {
  const title = oneLine(input.widgetTitle);
  if (input.language === 'fr') {
    return {
      to: input.to,
      subject: `Votre message à ${title}`,
      text: `Bonjour ${input.name},\n\nNous avons bien reçu votre message et vous répondrons par e-mail à cette adresse.\n\nVotre message :\n${input.text}\n`,
    };
  }
  return {
    to: input.to,
    subject: `Your message to ${title}`,
    text: `Hello ${input.name},\n\nWe received your message and will answer by e-mail at this address.\n\nYour message:\n${input.text}\n`,
  };
}

export function replyMail(input: {
  to: string;
  name: string;
  agentName: string;
  reply: string;
  widgetTitle: string;
  language: MailLanguage;
}): OutgoingMail {
  const title = oneLine(input.widgetTitle);
  if (input.language === 'fr') {
    return {
      to: input.to,
      subject: `Réponse à votre message — ${title}`,
      text: `Bonjour ${input.name},\n\n${input.agentName} a répondu à votre message :\n\n${input.reply}\n`,
    };
  }
  return {
    to: input.to,
    subject: `Reply to your message — ${title}`,
    text: `Hello ${input.name},\n\n${input.agentName} replied to your message:\n\n${input.reply}\n`,
  };
}
