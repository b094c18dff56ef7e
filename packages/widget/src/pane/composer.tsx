import { DraftSignal } from '@beckon/protocol/draft-signal';
import { limits } from '@beckon/protocol/limits';
import { TypingSignal } from '@beckon/protocol/typing-signal';
import { useEffect, useState } from 'preact/hooks';
import type { PaneStrings } from '../i18n.ts';

interface Props {
  strings: PaneStrings;
  onSend(text: string): void;
  /** Throttled: true while typing, false after a pause, on send or when the field is cleared. */
  onTyping(typing: boolean): void;
  /** Sneak peek is on: the text so far goes out (throttled), and the visitor is told under the field. */
  onDraft?(text: string): void;
}

/** Enter sends, Shift+Enter adds a line (and Enter while an IME is composing does neither). */
export function Composer({ strings, onSend, onTyping, onDraft }: Props) {
  const [text, setText] = useState('');
  const [signal] = useState(() => new TypingSignal((typing) => onTyping(typing)));
  const [drafts] = useState(() => new DraftSignal((draft) => onDraft?.(draft)));
  useEffect(
    () => () => {
      signal.stop();
      drafts.stop();
    },
    [signal, drafts],
  );
  const send = () => {
    const message = text.trim().slice(0, limits.messageMaxLength);
    if (!message) return;
    signal.stop();
    drafts.stop();
    onSend(message);
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  };
  return (
    <div class="f">
      <textarea
        data-testid="beckon-input"
        aria-label={strings.inputLabel}
        placeholder={strings.inputPlaceholder}
        maxLength={limits.messageMaxLength}
        rows={2}
        value={text}
        aria-describedby={onDraft ? 'beckon-sneak-peek' : undefined}
        onInput={(event) => {
          const value = event.currentTarget.value;
          setText(value);
          if (onDraft) drafts.input(value);
          else signal.input(!value.trim());
        }}
        onKeyDown={onKeyDown}
      />
      <button type="button" class="b" data-testid="beckon-send" onClick={send}>
        {strings.send}
      </button>
      {onDraft && (
        <p class="sp" id="beckon-sneak-peek" data-testid="beckon-sneak-peek">
          {strings.sneakPeek}
        </p>
      )}
    </div>
  );
}
