import { useEffect, useId, useRef } from 'react';
import { useCopy } from './use-copy.ts';

/** The words around a secret shown once, in the screen's language. */
export interface ShownOnceText {
  heading: string;
  hint: string;
  label: string;
  copy: string;
  copied: string;
  copyByHand: string;
  done: string;
}

/**
 * A secret the server shows this once (an API token, a webhook signing secret): focus moves to it so a screen
 * reader reads it and the keyboard can copy it at once; a copy button (selecting the text when the clipboard is
 * refused).
 */
export function ShownOnce(props: { value: string; text: ShownOnceText; testId: string; onDone(): void }) {
  const { text, testId } = props;
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const { copied, copy } = useCopy(props.value, () => field.current?.select());
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);

  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid={`${testId}-new`}>
      <h2 id={`${id}-title`}>{text.heading}</h2>
      <p id={`${id}-hint`}>{text.hint}</p>
      <div className="field">
        <label htmlFor={`${id}-secret`}>{text.label}</label>
        <div className="row">
          <input
            id={`${id}-secret`}
            ref={field}
            readOnly
            className="token-secret"
            aria-describedby={`${id}-hint`}
            data-testid={`${testId}-secret`}
            value={props.value}
            onFocus={(event) => event.target.select()}
          />
          <button type="button" data-testid={`${testId}-copy`} onClick={() => void copy()}>
            {text.copy}
          </button>
        </div>
        <span className="muted" role="status">
          {copied === 'yes' ? text.copied : copied === 'no' ? text.copyByHand : ''}
        </span>
      </div>
      <button type="button" onClick={props.onDone}>
        {text.done}
      </button>
    </section>
  );
}
