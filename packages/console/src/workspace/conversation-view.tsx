import { type ChatMessage, limits, type WrapUpOutcome } from '@beckon/protocol';
import { TypingSignal } from '@beckon/protocol/typing-signal';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { formatClock } from '../i18n/intl.ts';
import { useNow } from '../state/use-now.ts';
import type { ConversationState } from '../state/workspace-state.ts';
import { conversationName } from './conversation-list.tsx';
import { SurveyResult } from './survey-result.tsx';

/** The widget repeats `typing: true` every 3 s while the visitor types; older than this, they stopped. */
const typingStaleMs = 8000;

import { accountStrings } from '../account/account-strings.ts';
import { messagesOf } from '../i18n/messages.ts';
import { consoleLocale } from '../locale.ts';
import type { TransferTarget } from '../state/use-workspace.ts';
import { AttachFile } from './attach-file.tsx';
import { captionOf, MessageAttachment } from './message-attachment.tsx';
import { QuickReplyPicker } from './quick-reply-picker.tsx';
import { TransferControl } from './transfer-control.tsx';
import { workspaceMessages } from './workspace-messages.ts';
import { WrapUpForm } from './wrap-up-form.tsx';

const t = messagesOf(workspaceMessages);
/** An agent message without a name: its author's account was deleted. */
const formerAgent = accountStrings[consoleLocale].formerAgent;

/** "Read" or "Delivered" under an agent message once the visitor's widget has reported it. */
function ReceiptMark(props: { seq: number; receipts: ConversationState['detail']['receipts'] }) {
  const { receipts } = props;
  if (!receipts || receipts.delivered < props.seq) return null;
  const read = receipts.read >= props.seq;
  return (
    <span className="receipt muted" data-testid="receipt" data-status={read ? 'read' : 'delivered'}>
      {read ? t.read : t.delivered}
    </span>
  );
}

/** The transcript and the composer of one conversation. Every text is rendered as text, never as HTML. */
export function ConversationView(props: {
  conversation: ConversationState;
  onSend(text: string): void;
  onEnd(): void;
  onDismiss(): void;
  onTyping?(typing: boolean): void;
  /** The visitor's messages up to `seq` are on screen in a visible tab (not sent while watching). */
  onRead?(seq: number): void;
  selfId?: string;
  selfName?: string;
  onTransfer?(target: TransferTarget): void;
  onWrapUp?(outcome: WrapUpOutcome, notes: string): void;
}) {
  const { detail, messages, pending, watching } = props.conversation;
  const [draft, setDraft] = useState('');
  const transcript = useRef<HTMLOListElement>(null);
  const composerId = useId();
  const ended = detail.status === 'ended';
  const readOnly = ended || watching === true;
  const count = messages.length + pending.length;
  const typingSeen = props.conversation.visitorTyping && !ended;
  const now = useNow(1000, Boolean(typingSeen));
  const visitorTyping = typingSeen && now - (props.conversation.visitorTypingAt ?? 0) < typingStaleMs;
  const onTyping = useRef(props.onTyping);
  onTyping.current = props.onTyping;
  const [typingSignal] = useState(() => new TypingSignal((typing) => onTyping.current?.(typing)));
  useEffect(() => () => typingSignal.stop(), [typingSignal]);

  // Read marks for the visitor: the newest visitor message on screen, once the tab is visible.
  const lastVisitorSeq = lastSeqOf(messages, 'visitor');
  const onRead = useRef(props.onRead);
  onRead.current = props.onRead;
  const reportedSeq = useRef(0);
  useEffect(() => {
    if (watching || ended || lastVisitorSeq === 0) return;
    const report = () => {
      if (document.visibilityState !== 'visible' || lastVisitorSeq <= reportedSeq.current) return;
      reportedSeq.current = lastVisitorSeq;
      onRead.current?.(lastVisitorSeq);
    };
    report();
    document.addEventListener('visibilitychange', report);
    return () => document.removeEventListener('visibilitychange', report);
  }, [lastVisitorSeq, watching, ended]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll whenever the transcript grows.
  useEffect(() => {
    const list = transcript.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [count, detail.id]);

  function send() {
    const text = draft.trim();
    if (text === '' || readOnly) return;
    props.onSend(text.slice(0, limits.messageMaxLength));
    setDraft('');
    typingSignal.stop();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  return (
    <section className="conversation" aria-label={t.conversationWith(conversationName(props.conversation))}>
      <header className="conversation-head">
        <h2>{conversationName(props.conversation)}</h2>
        <span className={`status status-${detail.status}`} data-testid="conversation-status">
          {t.status(detail.status)}
        </span>
        {detail.context.origin && (
          <span className="muted conversation-origin" data-testid="conversation-origin">
            {t.origin(detail.context.origin)}
          </span>
        )}
        <span className="spacer" />
        {watching && <span className="badge">{t.watchingSilently}</span>}
        {!readOnly && props.onTransfer && (
          <TransferControl selfId={props.selfId} onTransfer={props.onTransfer} />
        )}
        {readOnly ? (
          <button type="button" onClick={props.onDismiss}>
            {t.closeTab}
          </button>
        ) : (
          <button type="button" className="danger" data-testid="end-conversation" onClick={props.onEnd}>
            {t.endConversation}
          </button>
        )}
      </header>
      <ol className="transcript" ref={transcript} aria-label={t.messages} aria-live="polite">
        {messages.map((message) => (
          <li
            key={message.id}
            className={`message from-${message.author}`}
            data-testid="message"
            data-author={message.author}
          >
            <span className="meta">
              {message.authorName ?? (message.author === 'agent' ? formerAgent : t.author(message.author))} ·{' '}
              {formatClock(message.createdAt)}
            </span>
            {message.attachment ? (
              <>
                <MessageAttachment attachment={message.attachment} />
                {captionOf(message.text) && <span className="text">{captionOf(message.text)}</span>}
              </>
            ) : (
              <span className="text">{message.text}</span>
            )}
            {message.author === 'agent' && <ReceiptMark seq={message.seq} receipts={detail.receipts} />}
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
            <span className="meta">{entry.failed ? t.notSent : t.sending}</span>
            <span className="text">{entry.text}</span>
          </li>
        ))}
        {ended && (
          <li className="message from-system chat-ended" data-testid="chat-ended">
            <span className="text">{t.chatEnded}</span>
          </li>
        )}
      </ol>
      <p className="typing-indicator muted" data-testid="visitor-typing" aria-live="polite">
        {visitorTyping ? t.visitorTyping : ''}
      </p>
      {/* Not live for screen readers: a draft changing every second would talk over everything else. */}
      {visitorTyping && props.conversation.visitorDraft && (
        <p className="visitor-draft" data-testid="visitor-draft">
          <span className="muted">{t.visitorDraft}</span> {props.conversation.visitorDraft}
        </p>
      )}
      {ended && <SurveyResult conversation={props.conversation} />}
      {detail.status === 'ended' && !watching && props.onWrapUp && <WrapUpForm onSubmit={props.onWrapUp} />}
      <form
        className="composer"
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
      >
        <label htmlFor={composerId} className="visually-hidden">
          {t.message}
        </label>
        <textarea
          id={composerId}
          data-testid="composer"
          rows={3}
          maxLength={limits.messageMaxLength}
          placeholder={
            watching ? t.placeholderWatching : readOnly ? t.placeholderEnded : t.placeholderCompose
          }
          disabled={readOnly}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            if (!readOnly) typingSignal.input(event.target.value.trim() === '');
          }}
          onKeyDown={onKeyDown}
        />
        {!readOnly && <AttachFile conversationId={detail.id} />}
        {!readOnly && (
          <QuickReplyPicker
            conversationId={detail.id}
            values={{
              visitorName: detail.customer.customer?.name ?? detail.context.prechat?.name,
              visitorEmail: detail.customer.customer?.email ?? detail.context.prechat?.email,
              agentName: props.selfName,
            }}
            onPick={(text) => setDraft(text)}
          />
        )}
        <button
          type="submit"
          className="primary"
          data-testid="send"
          disabled={readOnly || draft.trim() === ''}
        >
          {t.send}
        </button>
      </form>
    </section>
  );
}

/** The seq of the newest message by this author (0 when there is none). */
export function lastSeqOf(messages: readonly ChatMessage[], author: ChatMessage['author']): number {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index];
    if (message?.author === author) return message.seq;
  }
  return 0;
}
