import { type FormEvent, useId, useState } from 'react';
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

export function SignIn(props: {
  onSignIn(email: string, password: string): Promise<void>;
  problem?: string;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(props.problem);
  const id = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await props.onSignIn(email.trim(), password);
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
        <div className="field">
          <label htmlFor={`${id}-email`}>{t.email}</label>
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t.password}</label>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <p id={`${id}-error`} className="error" role="alert">
          {error ?? ''}
        </p>
        <button type="submit" className="primary" data-testid="login-submit" disabled={busy}>
          {busy ? t.signingIn : t.signIn}
        </button>
      </form>
    </main>
  );
}
