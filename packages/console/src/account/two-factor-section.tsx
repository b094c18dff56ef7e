import type { TwoFactorSetup } from '@beckon/protocol';
import QRCode from 'qrcode';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { consoleLocale } from '../locale.ts';
import { accountStrings } from './account-strings.ts';

type Stage =
  | { stage: 'loading' }
  | { stage: 'off' }
  | { stage: 'enrolling'; setup: TwoFactorSetup; qr: string }
  | { stage: 'codes'; codes: string[] }
  | { stage: 'on'; left: number };

/**
 * Two-factor sign-in on the My account screen: a QR code (and the key as text) for the authenticator app, a
 * code from it to confirm, then the ten recovery codes shown once; turning it off needs the password.
 */
export function TwoFactorSection(props: { onChanged(): void }) {
  const t = accountStrings[consoleLocale];
  const id = useId();
  const [state, setState] = useState<Stage>({ stage: 'loading' });
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    let live = true;
    api
      .account()
      .then(
        (account) =>
          live &&
          setState(
            account.twoFactorEnabled ? { stage: 'on', left: account.recoveryCodesLeft } : { stage: 'off' },
          ),
      )
      .catch((cause: unknown) => live && setProblem(errorMessage(cause)));
    return () => {
      live = false;
    };
  }, []);

  async function attempt(work: () => Promise<void>) {
    setProblem(undefined);
    try {
      await work();
    } catch (cause) {
      setProblem(errorMessage(cause));
    }
  }

  const begin = () =>
    attempt(async () => {
      const setup = await api.beginTwoFactor();
      setState({
        stage: 'enrolling',
        setup,
        qr: await QRCode.toDataURL(setup.uri, { margin: 1, width: 200 }),
      });
    });

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    void attempt(async () => {
      const { recoveryCodes } = await api.confirmTwoFactor(code.trim());
      setCode('');
      setState({ stage: 'codes', codes: recoveryCodes });
    });
  };

  const turnOff = (event: FormEvent) => {
    event.preventDefault();
    void attempt(async () => {
      await api.disableTwoFactor(password);
      setPassword('');
      setState({ stage: 'off' });
      props.onChanged();
    });
  };

  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="two-factor">
      <h2 id={`${id}-title`}>{t.twoFactor}</h2>
      <p role="alert" className="error">
        {problem ?? ''}
      </p>
      {state.stage === 'off' ? (
        <>
          <p>{t.twoFactorOff}</p>
          <button
            type="button"
            className="primary"
            data-testid="two-factor-begin"
            onClick={() => void begin()}
          >
            {t.turnOn}
          </button>
        </>
      ) : null}
      {state.stage === 'enrolling' ? (
        <form className="stack" onSubmit={confirm}>
          <p>{t.scan}</p>
          <img src={state.qr} alt={t.qrAlt} width={200} height={200} />
          <p>
            {t.secretLabel}: <code data-testid="two-factor-secret">{state.setup.secret}</code>
          </p>
          <div className="field">
            <label htmlFor={`${id}-code`}>{t.code}</label>
            <input
              id={`${id}-code`}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              required
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          </div>
          <button type="submit" className="primary" data-testid="two-factor-confirm">
            {t.confirm}
          </button>
        </form>
      ) : null}
      {state.stage === 'codes' ? (
        <div className="stack">
          <h3>{t.recoveryTitle}</h3>
          <p>{t.recoveryHint}</p>
          <ul className="recovery-codes" data-testid="recovery-codes">
            {state.codes.map((recovery) => (
              <li key={recovery}>
                <code>{recovery}</code>
              </li>
            ))}
          </ul>
          <button
            type="button"
            onClick={() => {
              setState({ stage: 'on', left: state.codes.length });
              props.onChanged();
            }}
          >
            {t.done}
          </button>
        </div>
      ) : null}
      {state.stage === 'on' ? (
        <form className="stack" onSubmit={turnOff}>
          <p>{t.twoFactorOn(state.left)}</p>
          <div className="field">
            <label htmlFor={`${id}-password`}>{t.password}</label>
            <input
              id={`${id}-password`}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <button type="submit">{t.turnOff}</button>
        </form>
      ) : null}
    </section>
  );
}
