import { type ApiTokenScope, apiTokenScopes, type CreatedApiToken } from '@beckon/protocol';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { CheckboxGroup } from '../forms/checkbox-group.tsx';
import { messagesOf } from '../i18n/messages.ts';
import { apiTokensMessages } from './api-tokens-messages.ts';

const dayMs = 86_400_000;
const expiryChoices = [0, 30, 90, 365] as const;

/** Admin: names a token, picks its scopes (checkboxes in a fieldset) and an expiry, and creates it. */
export function ApiTokenForm(props: { onCreated(token: CreatedApiToken): void }) {
  const t = messagesOf(apiTokensMessages);
  const id = useId();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiTokenScope[]>([]);
  const [days, setDays] = useState<number>(90);
  const [problem, setProblem] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(undefined);
    if (scopes.length === 0) return setProblem(t.pickScope);
    try {
      const expiresAt = days === 0 ? null : Date.now() + days * dayMs;
      props.onCreated(await api.createApiToken({ name: name.trim(), scopes, expiresAt }));
      setName('');
      setScopes([]);
    } catch (cause) {
      setProblem(errorMessage(cause));
    }
  }

  return (
    <form
      className="card stack"
      aria-labelledby={`${id}-title`}
      onSubmit={submit}
      data-testid="api-token-form"
    >
      <h2 id={`${id}-title`}>{t.createHeading}</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t.name}</label>
        <input
          id={`${id}-name`}
          name="token-name"
          required
          maxLength={100}
          autoComplete="off"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <CheckboxGroup
        legend={t.scopes}
        values={apiTokenScopes}
        chosen={scopes}
        describe={t.scope}
        onChange={setScopes}
      />
      <div className="field">
        <label htmlFor={`${id}-expires`}>{t.expires}</label>
        <select id={`${id}-expires`} value={days} onChange={(event) => setDays(Number(event.target.value))}>
          {expiryChoices.map((choice) => (
            <option key={choice} value={choice}>
              {choice === 0 ? t.never : t.inDays(choice)}
            </option>
          ))}
        </select>
      </div>
      <p role="alert" className="error">
        {problem ?? ''}
      </p>
      <button type="submit" className="primary" data-testid="api-token-create">
        {t.create}
      </button>
    </form>
  );
}
