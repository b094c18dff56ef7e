import type { CreatedApiToken } from '@beckon/protocol';
import { useEffect, useId, useRef } from 'react';
import { messagesOf } from '../i18n/messages.ts';
import { useCopy } from '../shell/use-copy.ts';
import { apiTokensMessages } from './api-tokens-messages.ts';

/**
 * The token just created, the only time it is shown: focus moves to it so a screen reader reads it and the
 * keyboard can copy it at once; a copy button (selecting the text when the clipboard is refused).
 */
export function NewApiToken(props: { created: CreatedApiToken; onDone(): void }) {
  const t = messagesOf(apiTokensMessages);
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const { copied, copy } = useCopy(props.created.token, () => field.current?.select());
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);

  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="api-token-new">
      <h2 id={`${id}-title`}>{t.newHeading}</h2>
      <p id={`${id}-hint`}>{t.copyNow}</p>
      <div className="field">
        <label htmlFor={`${id}-token`}>{t.token}</label>
        <div className="row">
          <input
            id={`${id}-token`}
            ref={field}
            readOnly
            className="token-secret"
            aria-describedby={`${id}-hint`}
            data-testid="api-token-secret"
            value={props.created.token}
            onFocus={(event) => event.target.select()}
          />
          <button type="button" data-testid="api-token-copy" onClick={() => void copy()}>
            {t.copy}
          </button>
        </div>
        <span className="muted" role="status">
          {copied === 'yes' ? t.copied : copied === 'no' ? t.copyByHand : ''}
        </span>
      </div>
      <button type="button" onClick={props.onDone}>
        {t.done}
      </button>
    </section>
  );
}
