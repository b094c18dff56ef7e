import type { User } from '@beckon/protocol';
import type { Locale } from '@beckon/protocol/conditions';
import { useId } from 'react';
import { messagesOf } from '../i18n/messages.ts';
import { consoleLocale, switchLocale } from '../locale.ts';
import { shellMessages } from './shell-messages.ts';

const languageNames: Record<Locale, string> = { en: 'English', fr: 'Français' };

/** The signed-in user's menu: who they are, the console's language (kept in this browser), sign out. */
export function UserMenu(props: { user: User; onSignOut(): void }) {
  const t = messagesOf(shellMessages);
  const id = useId();
  return (
    <details className="user-menu">
      <summary aria-label={t.userMenu(props.user.name)} data-testid="user-menu">
        <span className="user-name">{props.user.name}</span>{' '}
        <small className="user-role">{t.roles(props.user.role)}</small>
      </summary>
      <div className="user-menu-panel">
        <label htmlFor={`${id}-language`}>{t.language}</label>
        <select
          id={`${id}-language`}
          data-testid="language-select"
          value={consoleLocale}
          onChange={(event) => switchLocale(event.target.value as Locale)}
        >
          {(Object.keys(languageNames) as Locale[]).map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {languageNames[locale]}
            </option>
          ))}
        </select>
        <button type="button" data-testid="logout" onClick={props.onSignOut}>
          {t.signOut}
        </button>
      </div>
    </details>
  );
}
