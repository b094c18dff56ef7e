import { limits } from '@beckon/protocol/limits';
import { useState } from 'preact/hooks';
import type { PaneStrings } from '../i18n.ts';

interface Props {
  strings: PaneStrings;
  onSend(text: string): void;
}

/** Enter sends, Shift+Enter adds a line (and Enter while an IME is composing does neither). */
export function Composer({ strings, onSend }: Props) {
  const [text, setText] = useState('');
  const send = () => {
    const message = text.trim().slice(0, limits.messageMaxLength);
    if (!message) return;
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
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <button type="button" class="b" data-testid="beckon-send" onClick={send}>
        {strings.send}
      </button>
    </div>
  );
}
