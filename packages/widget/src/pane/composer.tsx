import { limits } from '@beckon/protocol/limits';
import { TypingSignal } from '@beckon/protocol/typing-signal';
import { useEffect, useState } from 'preact/hooks';
import type { PaneStrings } from '../i18n.ts';

interface Props {
  strings: PaneStrings;
  onSend(text: string): void;
  /** Throttled: true while typing, false after a pause, on send or when the field is cleared. */
  onTyping(typing: boolean): void;
}

/** Enter sends, Shift+Enter adds a line (and Enter while an IME is composing does neither). */
export function Composer({ strings, onSend, onTyping }: Props) {
  const [text, setText] = useState('');
  const [signal] = useState(() => new TypingSignal((typing) => onTyping(typing)));
  useEffect(() => () => signal.stop(), [signal]);
  const send = () => {
    const message = text.trim().slice(0, limits.messageMaxLength);
    if (!message) return;
    signal.stop();
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
        onInput={(event) => {
          setText(event.currentTarget.value);
          signal.input(!event.currentTarget.value.trim());
        }}
        onKeyDown={onKeyDown}
      />
      <button type="button" class="b" data-testid="beckon-send" onClick={send}>
        {strings.send}
      </button>
    </div>
  );
}
