import type { Role } from '@beckon/protocol';
import { useId } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { consoleLocale } from '../locale.ts';
import { useLoaded } from '../state/use-loaded.ts';
import { allRoles } from './roles.ts';
import { teamStrings } from './team-strings.ts';

/** Admin: the roles whose members must use two-factor sign-in (one checkbox each, saved at once). */
export function TwoFactorPolicy() {
  const t = teamStrings[consoleLocale];
  const id = useId();
  const [roles, setRoles, problem, setProblem] = useLoaded(async () => (await api.twoFactorPolicy()).roles);
  async function toggle(role: Role, on: boolean) {
    setProblem(undefined);
    const next = on ? [...(roles ?? []), role] : (roles ?? []).filter((r) => r !== role);
    try {
      setRoles((await api.setTwoFactorPolicy(next)).roles);
    } catch (cause) {
      setProblem(errorMessage(cause));
    }
  }

  return (
    <fieldset className="card stack" aria-describedby={`${id}-hint`}>
      <legend>{t.policy}</legend>
      <p id={`${id}-hint`}>{t.policyHint}</p>
      {roles === undefined
        ? null
        : allRoles.map((role) => (
            <label key={role}>
              <input
                type="checkbox"
                checked={roles.includes(role)}
                onChange={(event) => void toggle(role, event.target.checked)}
              />{' '}
              {t.roles[role]}
            </label>
          ))}
      <p role="alert" className="error">
        {problem ?? ''}
      </p>
    </fieldset>
  );
}
