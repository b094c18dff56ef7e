import { useEffect, useRef } from 'preact/hooks';
import type { Locale, PaneStrings } from '../i18n.ts';
import type { DisplayMessage } from '../pane-api.ts';
import { AttachmentView } from './attach/attachment-view.tsx';

interface Props {
  messages: readonly DisplayMessage[];
  strings: PaneStrings;
  /** The agent has read the visitor's messages up to this seq: the last of them is marked. */
  readSeq?: number | undefined;
  /** Only the invitation, above the pre-chat form: sized to its content. */
  intro?: boolean;
  locale?: Locale;
}

/** The transcript. Each bubble holds only the message text (a text node), so nothing from it is ever HTML. */
export function MessageList({ messages, strings, readSeq = 0, intro, locale = 'en' }: Props) {
  let lastRead: DisplayMessage | undefined;
  for (const message of messages)
    if (message.author === 'visitor' && message.seq !== undefined && message.seq <= readSeq)
      lastRead = message;
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [messages.length]);
  const cls = intro ? 'm in' : 'm';
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable log must be reachable by keyboard to scroll (WCAG 2.1.1, axe scrollable-region-focusable).
    <div class={cls} ref={list} role="log" aria-live="polite" aria-relevant="additions" tabIndex={0}>
      {messages.map((message) => (
        <div key={message.key} class={`row ${message.author}`}>
          {message.author !== 'system' && (
            <span class={message.author === 'visitor' ? 'sr' : 'who'}>
              {message.author === 'visitor' ? strings.you : message.authorName || strings.agent}
            </span>
          )}
          <div
            class="bub"
            data-testid="beckon-message"
            data-author={message.author}
            data-status={message.status}
            data-seq={message.seq}
          >
            {message.attachment ? (
              <>
                <AttachmentView attachment={message.attachment} locale={locale} />
                {/* The fallback text's first line names the file; the rest is the caption. */}
                {message.text.split('\n').slice(1).join('\n')}
              </>
            ) : (
              message.text
            )}
          </div>
          {message.status !== 'sent' && (
            <span class={`meta ${message.status}`}>
              {message.status === 'failed' ? strings.failed : strings.pending}
            </span>
          )}
          {message === lastRead && (
            <span class="meta" data-testid="beckon-read">
              {strings.read}
            </span>
          )}
        </div>
      ))}
    </div>
  );
}
