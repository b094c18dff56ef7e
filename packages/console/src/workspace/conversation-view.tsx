import { limits } from '@beckon/protocol';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { formatClockTime } from '../format.ts';
import type { ConversationState } from '../state/workspace-state.ts';
import { conversationName } from './conversation-list.tsx';

const authorLabels = { visitor: 'Visitor', agent: 'Agent', system: 'System' } as const;

/** The transcript and the composer of one conversation. Every text is rendered as text, never as HTML. */
export function ConversationView(props: {
  conversation: ConversationState;
  onSend(text: string): void;
  onEnd(): void;
  onDismiss(): void;
}) {
  const { detail, messages, pending } = props.conversation;
  const [draft, setDraft] = useState('');
  const transcript = useRef<HTMLOListElement>(null);
  const composerId = useId();
  const ended = detail.status === 'ended';
  const count = messages.length + pending.length;

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll whenever the transcript grows.
  useEffect(() => {
    const list = transcript.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [count, detail.id]);

  function send() {
    const text = draft.trim();
    if (text === '' || ended) return;
    props.onSend(text.slice(0, limits.messageMaxLength));
    setDraft('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  return (
    <section
      className="conversation"
      aria-label={`Conversation with ${conversationName(props.conversation)}`}
    >
      <header className="conversation-head">
        <h2>{conversationName(props.conversation)}</h2>
        <span className={`status status-${detail.status}`} data-testid="conversation-status">
          {detail.status}
        </span>
        <span className="spacer" />
        {ended ? (
          <button type="button" onClick={props.onDismiss}>
            Close tab
          </button>
        ) : (
          <button type="button" className="danger" data-testid="end-conversation" onClick={props.onEnd}>
            End conversation
          </button>
        )}
      </header>
      <ol className="transcript" ref={transcript} aria-label="Messages" aria-live="polite">
        {messages.map((message) => (
          <li
            key={message.id}
            className={`message from-${message.author}`}
            data-testid="message"
            data-author={message.author}
          >
            <span className="meta">
              {message.authorName ?? authorLabels[message.author]} · {formatClockTime(message.createdAt)}
            </span>
            <span className="text">{message.text}</span>
          </li>
        ))}
        {pending.map((entry) => (
          <li
            key={entry.clientMsgId}
            className={entry.failed ? 'message from-agent failed' : 'message from-agent pending'}
            data-testid="message"
            data-author="agent"
            data-pending="true"
          >
            <span className="meta">{entry.failed ? 'Not sent' : 'Sending…'}</span>
            <span className="text">{entry.text}</span>
          </li>
        ))}
      </ol>
      <form
        className="composer"
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
      >
        <label htmlFor={composerId} className="visually-hidden">
          Message
        </label>
        <textarea
          id={composerId}
          data-testid="composer"
          rows={3}
          maxLength={limits.messageMaxLength}
          placeholder={
            ended ? 'The conversation has ended.' : 'Type a message; Enter sends, Shift+Enter for a new line'
          }
          disabled={ended}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="primary" data-testid="send" disabled={ended || draft.trim() === ''}>
          Send
        </button>
      </form>
    </section>
  );
}
