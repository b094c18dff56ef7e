import type { Role, UserAdmin } from '@beckon/protocol';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { consoleLocale } from '../locale.ts';
import { ListedTable } from '../shell/listed-table.tsx';
import { useLoaded } from '../state/use-loaded.ts';
import { CreateUser } from './create-user.tsx';
import { allRoles } from './roles.ts';
import { SingleSignOnSettings } from './single-sign-on-settings.tsx';
import { teamStrings } from './team-strings.ts';
import { TwoFactorPolicy } from './two-factor-policy.tsx';

/**
 * Admin: the team. Each account with its role, status and last sign-in; admins add people, change roles,
 * disable and re-enable, set a temporary password, and delete (after a confirmation that says what happens to
 * the person's chats). Every lockout signs the person out everywhere at once.
 */
export function TeamScreen(props: { currentUserId: string }) {
  const t = teamStrings[consoleLocale];
  const [users, setUsers, problem, setProblem] = useLoaded(() => api.users());
  const [notice, setNotice] = useState<string>();
  /** The row whose inline form (reset, delete) is open. */
  const [open, setOpen] = useState<{ userId: string; form: 'reset' | 'delete' }>();

  async function act(user: UserAdmin, change: () => Promise<UserAdmin | undefined>) {
    setProblem(undefined);
    setNotice(undefined);
    try {
      const updated = await change();
      setUsers((list) =>
        updated
          ? list?.map((u) => (u.id === updated.id ? updated : u))
          : list?.filter((u) => u.id !== user.id),
      );
      setOpen(undefined);
      setNotice(t.done(user.name));
    } catch (cause) {
      setProblem(errorMessage(cause));
    }
  }

  return (
    <section className="team stack" aria-labelledby="screen-heading" data-testid="team-screen">
      <p role="alert" className="error">
        {problem ?? ''}
      </p>
      <p role="status">{notice ?? ''}</p>
      <ListedTable items={users} label={t.title} loading={t.loading}>
        {(users) => (
          <table className="team-table">
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.email}</th>
                <th scope="col">{t.role}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.twoFactor}</th>
                <th scope="col">{t.lastSignIn}</th>
                <th scope="col">{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <UserRow
                  key={user.id}
                  user={user}
                  self={user.id === props.currentUserId}
                  open={open?.userId === user.id ? open.form : undefined}
                  onOpen={(form) => setOpen(form ? { userId: user.id, form } : undefined)}
                  onAct={(change) => act(user, change)}
                />
              ))}
            </tbody>
          </table>
        )}
      </ListedTable>
      <TwoFactorPolicy />
      <SingleSignOnSettings />
      <CreateUser onCreated={(user) => setUsers((list) => [...(list ?? []), user])} />
    </section>
  );
}

function UserRow(props: {
  user: UserAdmin;
  self: boolean;
  open: 'reset' | 'delete' | undefined;
  onOpen(form: 'reset' | 'delete' | undefined): void;
  onAct(change: () => Promise<UserAdmin | undefined>): Promise<void>;
}) {
  const t = teamStrings[consoleLocale];
  const { user } = props;
  const id = useId();
  const [temporary, setTemporary] = useState('');
  const firstField = useRef<HTMLInputElement & HTMLButtonElement>(null);
  useEffect(() => {
    if (props.open) firstField.current?.focus();
  }, [props.open]);
  const lastSignIn =
    user.lastSignInAt === undefined
      ? t.never
      : new Date(user.lastSignInAt).toLocaleString(consoleLocale === 'fr' ? 'fr-FR' : 'en-GB');

  function resetPassword(event: FormEvent) {
    event.preventDefault();
    void props.onAct(() => api.resetPassword(user.id, temporary)).then(() => setTemporary(''));
  }

  return (
    <>
      <tr data-testid={`team-row-${user.email}`}>
        <td>
          {user.name} {props.self ? <small>{t.you}</small> : null}
        </td>
        <td>{user.email}</td>
        <td>
          <select
            aria-label={t.roleOf(user.name)}
            value={user.role}
            onChange={(event) => void props.onAct(() => api.setUserRole(user.id, event.target.value as Role))}
          >
            {allRoles.map((role) => (
              <option key={role} value={role}>
                {t.roles[role]}
              </option>
            ))}
          </select>
        </td>
        <td>
          {user.status === 'active' ? t.active : t.disabled}
          {user.passwordChangeRequired ? <small> ({t.mustChangePassword})</small> : null}
        </td>
        <td>{user.twoFactor ? t.on : t.off}</td>
        <td>{lastSignIn}</td>
        <td className="row-actions">
          <button
            type="button"
            data-testid="team-toggle-status"
            onClick={() =>
              void props.onAct(() =>
                api.setUserStatus(user.id, user.status === 'active' ? 'disabled' : 'active'),
              )
            }
          >
            {user.status === 'active' ? t.disable : t.enable}
          </button>
          <button type="button" aria-expanded={props.open === 'reset'} onClick={() => props.onOpen('reset')}>
            {t.resetPassword}
          </button>
          <button
            type="button"
            className="danger"
            aria-expanded={props.open === 'delete'}
            onClick={() => props.onOpen('delete')}
          >
            {t.remove}
          </button>
        </td>
      </tr>
      {props.open === 'reset' ? (
        <tr>
          <td colSpan={7}>
            <form className="inline-form" onSubmit={resetPassword}>
              <label htmlFor={`${id}-temporary`}>{t.temporaryPassword}</label>
              <input
                id={`${id}-temporary`}
                ref={firstField}
                type="text"
                autoComplete="off"
                minLength={8}
                maxLength={200}
                required
                aria-describedby={`${id}-temporary-hint`}
                value={temporary}
                onChange={(event) => setTemporary(event.target.value)}
              />
              <small id={`${id}-temporary-hint`}>{t.temporaryHint}</small>
              <button type="submit" className="primary">
                {t.setTemporary}
              </button>
              <button type="button" onClick={() => props.onOpen(undefined)}>
                {t.cancel}
              </button>
            </form>
          </td>
        </tr>
      ) : null}
      {props.open === 'delete' ? (
        <tr>
          <td colSpan={7}>
            <div
              role="alertdialog"
              aria-labelledby={`${id}-delete-title`}
              aria-describedby={`${id}-delete-text`}
              className="confirm"
            >
              <strong id={`${id}-delete-title`}>{t.confirmDelete(user.name)}</strong>
              <p id={`${id}-delete-text`}>{t.deleteExplained}</p>
              <button
                type="button"
                className="danger"
                ref={firstField}
                data-testid="team-confirm-delete"
                onClick={() =>
                  void props.onAct(async () => {
                    await api.deleteUser(user.id);
                    return undefined;
                  })
                }
              >
                {t.confirm}
              </button>
              <button type="button" onClick={() => props.onOpen(undefined)}>
                {t.cancel}
              </button>
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}
