import type { SingleSignOnSettings as Settings } from '@beckon/protocol';
import type { Locale } from '@beckon/protocol/conditions';
import { useEffect, useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { errorMessage } from '../api/http.ts';
import { consoleLocale } from '../locale.ts';
import { teamStrings } from './team-strings.ts';

const strings: Record<
  Locale,
  {
    title: string;
    hint: string;
    off: string;
    issuer: string;
    clientId: string;
    rolesClaim: string;
    mapping: string;
    passwordLogin: string;
    on: string;
    offValue: string;
  }
> = {
  en: {
    title: 'Single sign-on',
    hint: 'Set by whoever runs the server (BECKON_OIDC_* settings, see docs/operations.md); read-only here.',
    off: 'Single sign-on is not configured: everyone signs in with a password.',
    issuer: 'Identity provider',
    clientId: 'Client ID',
    rolesClaim: 'Role claim',
    mapping: 'Claim values per role',
    passwordLogin: 'Password sign-in',
    on: 'On',
    offValue: 'Off',
  },
  fr: {
    title: 'Connexion unique',
    hint: 'Défini par l’exploitant du serveur (réglages BECKON_OIDC_*, voir docs/operations.md) ; en lecture seule ici.',
    off: 'La connexion unique n’est pas configurée : chacun se connecte avec un mot de passe.',
    issuer: 'Fournisseur d’identité',
    clientId: 'Identifiant client',
    rolesClaim: 'Revendication des rôles',
    mapping: 'Valeurs par rôle',
    passwordLogin: 'Connexion par mot de passe',
    on: 'Activée',
    offValue: 'Désactivée',
  },
};

/** Admin: the installation's single sign-on configuration, as the server reads it from its environment. */
export function SingleSignOnSettings() {
  const t = strings[consoleLocale];
  const roles = teamStrings[consoleLocale].roles;
  const id = useId();
  const [settings, setSettings] = useState<Settings>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    let live = true;
    api
      .singleSignOnSettings()
      .then((value) => live && setSettings(value))
      .catch((cause: unknown) => live && setProblem(errorMessage(cause)));
    return () => {
      live = false;
    };
  }, []);

  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="sso-settings">
      <h2 id={`${id}-title`}>{t.title}</h2>
      <p>{t.hint}</p>
      {settings && !settings.configured ? <p>{t.off}</p> : null}
      {settings?.configured ? (
        <dl>
          <dt>{t.issuer}</dt>
          <dd>
            {settings.name} — {settings.issuer}
          </dd>
          <dt>{t.clientId}</dt>
          <dd>{settings.clientId}</dd>
          <dt>{t.rolesClaim}</dt>
          <dd>{settings.rolesClaim}</dd>
          <dt>{t.mapping}</dt>
          <dd>
            <ul>
              {settings.roleMapping.map((entry) => (
                <li key={entry.role}>
                  {roles[entry.role]}: {entry.values.join(', ')}
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t.passwordLogin}</dt>
          <dd>{settings.passwordLogin ? t.on : t.offValue}</dd>
        </dl>
      ) : null}
      <p role="alert" className="error">
        {problem ?? ''}
      </p>
    </section>
  );
}
