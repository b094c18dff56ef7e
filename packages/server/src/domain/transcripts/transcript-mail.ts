import type { ChatMessage } from '@beckon/protocol';
import Mustache from 'mustache';
import type { OutgoingMail } from '../../ports/mail.ts';
import type { MailLanguage } from '../left-messages/left-message-mails.ts';

/**
 * The transcript e-mail: a plain-text and an HTML body in English or French. The HTML body is a Mustache
 * template whose every typed value goes through `{{…}}`, which escapes it: a message reading `<b>` shows as
 * `<b>`, never as markup.
 */

/** A file shared in the chat: its name and size, and the link that opens it (none without a public URL). */
export interface TranscriptLink {
  name: string;
  size: string;
  url?: string;
}

export interface TranscriptLine {
  at: string;
  who: string;
  text: string;
  links: TranscriptLink[];
}

/** Messages in one mail: a longer chat keeps its latest ones, and the mail says earlier ones were left out. */
export const transcriptMailMaxMessages = 500;

const strings = {
  en: {
    subject: 'Your chat transcript',
    heading: 'Your chat with {title}',
    you: 'You',
    agent: 'Agent',
    intro: 'Here is the transcript of your chat, as you asked.',
    omitted: 'Earlier messages are left out.',
    footer: 'You receive this e-mail because this address was given in the chat.',
    linksExpire: 'The links to files open them until {date}.',
    units: ['B', 'KB', 'MB'],
  },
  fr: {
    subject: 'La transcription de votre discussion',
    heading: 'Votre discussion avec {title}',
    you: 'Vous',
    agent: 'Conseiller',
    intro: 'Voici la transcription de votre discussion, comme demandé.',
    omitted: 'Les messages plus anciens ne sont pas inclus.',
    footer: 'Vous recevez cet e-mail car cette adresse a été donnée dans la discussion.',
    linksExpire: "Les liens vers les fichiers les ouvrent jusqu'au {date}.",
    units: ['o', 'Ko', 'Mo'],
  },
} as const;

const htmlTemplate = `<!doctype html>
<html lang="{{language}}"><head><meta charset="utf-8"><title>{{subject}}</title></head>
<body style="font-family:sans-serif;color:#222">
<h1 style="font-size:18px">{{heading}}</h1>
<p>{{intro}}</p>
{{#omitted}}<p><em>{{omitted}}</em></p>{{/omitted}}
<table role="presentation" style="border-collapse:collapse">
{{#lines}}<tr><td style="padding:4px 8px;color:#666;white-space:nowrap;vertical-align:top">{{at}}</td><td style="padding:4px 8px;font-weight:bold;vertical-align:top">{{who}}</td><td style="padding:4px 8px;white-space:pre-wrap">{{text}}{{#links}}<br>{{#url}}<a href="{{url}}">{{name}}</a>{{/url}}{{^url}}{{name}}{{/url}} ({{size}}){{/links}}</td></tr>
{{/lines}}</table>
{{#linksExpire}}<p style="color:#666;font-size:12px">{{linksExpire}}</p>{{/linksExpire}}
<p style="color:#666;font-size:12px">{{footer}}</p>
</body></html>
`;

/** A header value on one line: a title with a line break must not start a header of its own. */
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ').trim();

/** A size in the mail's language: `12 KB`, `12 Ko`. */
export function mailFileSize(bytes: number, language: MailLanguage): string {
  const [b, kb, mb] = strings[language].units;
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
  if (bytes < 1024) return `${bytes} ${b}`;
  if (bytes < 1024 * 1024) return `${number(bytes / 1024, 0)} ${kb}`;
  return `${number(bytes / (1024 * 1024), 1)} ${mb}`;
}

function timeFormat(language: MailLanguage, timeZone: string | undefined, dateOnly = false) {
  const style = dateOnly
    ? { dateStyle: 'long' as const }
    : { dateStyle: 'short' as const, timeStyle: 'short' as const };
  try {
    return new Intl.DateTimeFormat(language, { ...style, timeZone });
  } catch {
    return new Intl.DateTimeFormat(language, { ...style, timeZone: 'UTC' });
  }
}

/**
 * The stored messages as lines: time in the visitor's zone, who spoke, the text, and the file's link. A file's
 * message keeps only its caption as text (its `📎 name (size)` fallback becomes the link).
 */
export function transcriptLines(
  messages: readonly ChatMessage[],
  language: MailLanguage,
  timeZone: string | undefined,
  linkTo: (fileId: string) => string | undefined = () => undefined,
): TranscriptLine[] {
  const names = strings[language];
  const time = timeFormat(language, timeZone);
  return messages.map((message) => ({
    at: time.format(message.createdAt),
    who:
      message.author === 'visitor'
        ? names.you
        : message.author === 'system'
          ? '—'
          : message.authorName || names.agent,
    text: message.attachment ? message.text.split('\n').slice(1).join('\n') : message.text,
    links: message.attachment
      ? [
          {
            name: message.attachment.name,
            size: mailFileSize(message.attachment.size, language),
            url: linkTo(message.attachment.id),
          },
        ]
      : [],
  }));
}

export function transcriptMail(input: {
  to: string;
  widgetTitle: string;
  language: MailLanguage;
  lines: readonly TranscriptLine[];
  /** When the files' links expire, said under the messages when there are any; the visitor's time zone. */
  linksExpireAt?: number;
  timeZone?: string;
}): OutgoingMail {
  const s = strings[input.language];
  const title = oneLine(input.widgetTitle);
  const lines = input.lines.slice(-transcriptMailMaxMessages);
  const omitted = lines.length < input.lines.length ? s.omitted : '';
  const heading = s.heading.replace('{title}', title);
  const subject = title ? `${s.subject} — ${title}` : s.subject;
  const linked = lines.some((line) => line.links.some((link) => link.url));
  const linksExpire =
    linked && input.linksExpireAt !== undefined
      ? s.linksExpire.replace(
          '{date}',
          timeFormat(input.language, input.timeZone, true).format(input.linksExpireAt),
        )
      : '';
  const text = [
    heading,
    '',
    s.intro,
    ...(omitted ? ['', omitted] : []),
    '',
    ...lines.map((line) =>
      [
        `[${line.at}] ${line.who}: ${line.text}`.trimEnd(),
        ...line.links.map((link) =>
          link.url ? `  ${link.name} (${link.size}): ${link.url}` : `  ${link.name} (${link.size})`,
        ),
      ].join('\n'),
    ),
    ...(linksExpire ? ['', linksExpire] : []),
    '',
    '--',
    s.footer,
    '',
  ].join('\n');
  const html = Mustache.render(htmlTemplate, {
    language: input.language,
    subject,
    heading,
    intro: s.intro,
    omitted,
    lines,
    linksExpire,
    footer: s.footer,
  });
  return { to: input.to, subject, text, html };
}
