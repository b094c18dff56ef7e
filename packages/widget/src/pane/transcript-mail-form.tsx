import { useState } from 'preact/hooks';
import { format, type PaneStrings } from '../i18n.ts';
import type { TranscriptMailState } from '../pane-api.ts';

interface Props {
  strings: PaneStrings;
  state: TranscriptMailState;
  onSubmit(email: string): void;
}

/** Each error code the request can end with, in words. */
function problemText(strings: PaneStrings, code: string | undefined): string {
  if (code === 'VALIDATION_FAILED') return strings.mailInvalid;
  if (code === 'TRANSCRIPT_MAIL_LIMITED') return strings.mailLimited;
  if (code === 'TRANSCRIPT_MAIL_UNAVAILABLE') return strings.mailUnavailable;
  return strings.mailFailed;
}

/**
 * The ended chat's "get the transcript by e-mail": one labelled address field (the pre-chat e-mail to start
 * with), a send button, then the confirmation in a status region; a refusal is said in words next to the field.
 */
export function TranscriptMailForm({ strings, state, onSubmit }: Props) {
  const [email, setEmail] = useState(state.email ?? '');
  if (state.status === 'sent') {
    return (
      <p class="sv" role="status" data-testid="beckon-mail-sent">
        {format(strings.mailSent, { email: state.email ?? email })}
      </p>
    );
  }
  const failed = state.status === 'failed';
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    onSubmit(email);
  };
  return (
    <form class="sv" data-testid="beckon-mail" onSubmit={submit} noValidate>
      <label for="bk-mail" class="svc">
        <span>{strings.mailTitle}</span>
        <input
          id="bk-mail"
          type="email"
          autoComplete="email"
          data-testid="beckon-mail-address"
          placeholder={strings.mailAddress}
          value={email}
          onInput={(event) => setEmail(event.currentTarget.value)}
          aria-invalid={failed ? true : undefined}
          aria-describedby={failed ? 'bk-mail-problem' : undefined}
        />
      </label>
      {failed && (
        <p class="pb" id="bk-mail-problem" role="alert" data-testid="beckon-mail-problem">
          {problemText(strings, state.error)}
        </p>
      )}
      <button type="submit" class="b" data-testid="beckon-mail-submit" disabled={state.status === 'sending'}>
        {state.status === 'sending' ? strings.mailSending : strings.mailSubmit}
      </button>
    </form>
  );
}
