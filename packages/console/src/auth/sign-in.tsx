import type { SignInOptions } from '@beckon/protocol';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { catalogue, messagesOf } from '../i18n/messages.ts';

const t = messagesOf(
  catalogue(
    {
      title: 'Beckon console',
      email: 'Email',
      password: 'Password',
      signIn: 'Sign in',
      signingIn: 'Signing in…',
    },
    {
      title: 'Console Beckon',
      email: 'E-mail',
      password: 'Mot de passe',
      signIn: 'Se connecter',
      signingIn: 'Connexion…',
    },
  ),
);

import { consoleLocale } from '../locale.ts';
import { signInStrings } from './sign-in-strings.ts';

/** The sign-in form: email and password, then a code from the authenticator app when the account has one. */
export function SignIn(props: {
  onSignIn(email: string, password: string): Promise<{ challenge: string } | undefined>;
  onCode(challenge: string, code: string): Promise<void>;
  problem?: string;
}) {
  const codeText = signInStrings[consoleLocale];
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<string>();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(
    () => props.problem ?? ssoProblem(codeText.ssoErrors),
  );
  const [options, setOptions] = useState<SignInOptions>({ passwordLogin: true });
  const id = useId();

  useEffect(() => {
    // Without an answer the password form stays: the server still refuses it if it is off.
    api.signInOptions().then(setOptions, () => undefined);
  }, []);
  const sso = options.singleSignOn;
  const passwordForm = options.passwordLogin || challenge !== undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      if (challenge) {
        await props.onCode(challenge, code.trim());
        return;
      }
      const next = await props.onSignIn(email.trim(), password);
      if (next) {
        setChallenge(next.challenge);
        setPassword('');
        setBusy(false);
      }
    } catch (cause) {
      setError(errorMessage(cause));
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form
        className="card sign-in-card"
        onSubmit={submit}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <h1>{t.title}</h1>
        {sso && !challenge ? (
          <p>
            <a className="sso-start" href={sso.startUrl} data-testid="sso-start">
              {codeText.withProvider(sso.name)}
            </a>
          </p>
        ) : null}
        {sso && passwordForm && !challenge ? <p>{codeText.or}</p> : null}
        {challenge ? (
          <div className="field">
            <label htmlFor={`${id}-code`}>{codeText.code}</label>
            <input
              id={`${id}-code`}
              name="code"
              autoComplete="one-time-code"
              // biome-ignore lint/a11y/noAutofocus: the field appears in place of the password the user just sent
              autoFocus
              required
              maxLength={32}
              aria-describedby={`${id}-code-hint`}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
            <small id={`${id}-code-hint`}>{codeText.codeHint}</small>
          </div>
        ) : null}
        {passwordForm ? (
          <>
            <div className="field" hidden={challenge !== undefined}>
              <label htmlFor={`${id}-email`}>{t.email}</label>
              <input
                id={`${id}-email`}
                name="email"
                type="email"
                autoComplete="username"
                required={challenge === undefined && passwordForm}
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </div>
            <div className="field" hidden={challenge !== undefined}>
              <label htmlFor={`${id}-password`}>{t.password}</label>
              <input
                id={`${id}-password`}
                name="password"
                type="password"
                autoComplete="current-password"
                required={challenge === undefined && passwordForm}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </div>
          </>
        ) : null}
        <p id={`${id}-error`} className="error" role="alert">
          {error ?? ''}
        </p>
        {passwordForm ? (
          <button type="submit" className="primary" data-testid="login-submit" disabled={busy}>
            {busy ? t.signingIn : t.signIn}
          </button>
        ) : null}
      </form>
    </main>
  );
}

/** A failed single sign-on comes back as `?sso_error=<code>`: said in words, once. */
function ssoProblem(messages: Record<string, string>): string | undefined {
  const code = new URLSearchParams(window.location.search).get('sso_error');
  if (!code) return undefined;
  window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  return messages[code] ?? messages.SSO_FAILED;
}
