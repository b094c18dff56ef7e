import type { Role, UserAdmin } from '@beckon/protocol';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { consoleLocale } from '../locale.ts';
import { allRoles } from './roles.ts';
import { teamStrings } from './team-strings.ts';

/** Admin: adds a team member with a role and a first password. */
export function CreateUser(props: { onCreated(user: UserAdmin): void }) {
  const t = teamStrings[consoleLocale];
  const id = useId();
  const [form, setForm] = useState({ name: '', email: '', role: 'agent' as Role, password: '' });
  const [problem, setProblem] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(undefined);
    try {
      props.onCreated(await api.createUser({ ...form, email: form.email.trim(), name: form.name.trim() }));
      setForm({ name: '', email: '', role: 'agent', password: '' });
    } catch (cause) {
      setProblem(errorMessage(cause));
    }
  }

  const field = (key: 'name' | 'email' | 'password', label: string, type: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type={type}
        required
        autoComplete={key === 'password' ? 'new-password' : 'off'}
        minLength={key === 'password' ? 8 : undefined}
        value={form[key]}
        onChange={(event) => setForm({ ...form, [key]: event.target.value })}
      />
    </div>
  );

  return (
    <form className="card stack" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`}>{t.create}</h2>
      {field('name', t.name, 'text')}
      {field('email', t.email, 'email')}
      <div className="field">
        <label htmlFor={`${id}-role`}>{t.role}</label>
        <select
          id={`${id}-role`}
          value={form.role}
          onChange={(event) => setForm({ ...form, role: event.target.value as Role })}
        >
          {allRoles.map((role) => (
            <option key={role} value={role}>
              {t.roles[role]}
            </option>
          ))}
        </select>
      </div>
      {field('password', t.password, 'password')}
      <p role="alert" className="error">
        {problem ?? ''}
      </p>
      <button type="submit" className="primary">
        {t.add}
      </button>
    </form>
  );
}
