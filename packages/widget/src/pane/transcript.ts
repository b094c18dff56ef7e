import type { PaneStrings } from '../i18n.ts';
import type { DisplayMessage } from '../pane-api.ts';

/**
 * The transcript as a plain-text file: a heading, then one block per message with its time and author. Only
 * messages the server stored are in it (pending and failed ones are the visitor's drafts, not the record).
 */
export function transcriptText(
  title: string,
  messages: readonly DisplayMessage[],
  strings: PaneStrings,
  locale: string,
): string {
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const lines = [`${strings.transcriptTitle}${title ? ` — ${title}` : ''}`, ''];
  for (const message of messages) {
    if (message.status !== 'sent') continue;
    const who =
      message.author === 'visitor'
        ? strings.you
        : message.author === 'agent' || message.author === 'bot'
          ? message.authorName || strings.agent
          : '—';
    lines.push(`[${time.format(message.createdAt)}] ${who}: ${message.text}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Saves the text as `chat-transcript-YYYY-MM-DD.txt` through a temporary object URL. */
export function downloadText(text: string, root: Node): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `chat-transcript-${new Date().toISOString().slice(0, 10)}.txt`;
  link.hidden = true;
  root.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
