import { type FormEvent, useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { consoleLocale } from '../locale.ts';
import type { AccountDemands } from '../state/use-account-demands.ts';
import { accountStrings } from './account-strings.ts';
import { TwoFactorSection } from './two-factor-section.tsx';

/**
 * The signed-in user's own account: change the password (the current one is required; the other sessions are
 * signed out), turn two-factor sign-in on or off, and sign out every other session. Shown alone while the user
 * must change a temporary password or enrol in two-factor sign-in.
 */
export function AccountScreen(props: { demands: AccountDemands; onChanged(): void }) {
  const { passwordChange, twoFactorEnrolment } = props.demands;
  const t = accountStrings[consoleLocale];
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState<string>();

  async function changePassword(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    setNotice(undefined);
    try {
      await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setNotice(t.changed);
      props.onChanged();
    } catch (cause) {
      setProblem(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  }

  async function signOutOthers() {
    setProblem(undefined);
    setNotice(undefined);
    try {
      await api.signOutOthers();
      setNotice(t.signedOutOthers);
    } catch (cause) {
      setProblem(errorMessage(cause));
    }
  }

  return (
    <section className="account stack" aria-labelledby="screen-heading" data-testid="account-screen">
      {passwordChange ? <p className="notice">{t.mustChange}</p> : null}
      {twoFactorEnrolment ? <p className="notice">{t.mustEnrol}</p> : null}
      <p role="alert" className="error">
        {problem ?? ''}
      </p>
      <p role="status">{notice ?? ''}</p>
      <form className="card stack" aria-labelledby={`${id}-password`} onSubmit={changePassword}>
        <h2 id={`${id}-password`}>{t.changePassword}</h2>
        <div className="field">
          <label htmlFor={`${id}-current`}>{t.currentPassword}</label>
          <input
            id={`${id}-current`}
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-new`}>{t.newPassword}</label>
          <input
            id={`${id}-new`}
            type="password"
            autoComplete="new-password"
            minLength={8}
            maxLength={200}
            required
            aria-describedby={`${id}-new-hint`}
            value={next}
            onChange={(event) => setNext(event.target.value)}
          />
          <small id={`${id}-new-hint`}>{t.newPasswordHint}</small>
        </div>
        <button type="submit" className="primary" disabled={busy} data-testid="account-change-password">
          {busy ? t.saving : t.save}
        </button>
      </form>
      {passwordChange ? null : <TwoFactorSection onChanged={props.onChanged} />}
      {passwordChange || twoFactorEnrolment ? null : (
        <section className="card stack" aria-labelledby={`${id}-sessions`}>
          <h2 id={`${id}-sessions`}>{t.sessions}</h2>
          <p>{t.sessionsHint}</p>
          <button type="button" onClick={() => void signOutOthers()}>
            {t.signOutOthers}
          </button>
        </section>
      )}
    </section>
  );
}
