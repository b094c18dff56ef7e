// Over 300 lines: one form with its two languages, the environment's read-only fields and the provider check.
import {
  type Role,
  type SingleSignOnSettings as Settings,
  type SingleSignOnField,
  type SingleSignOnSettingsInput,
  singleSignOnVariables,
} from '@beckon/protocol';
import type { Locale } from '@beckon/protocol/conditions';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { ApiError, errorMessage } from '../api/http.ts';
import { consoleLocale } from '../locale.ts';
import { teamStrings } from './team-strings.ts';

const strings: Record<
  Locale,
  {
    title: string;
    hint: string;
    enabled: string;
    name: string;
    issuer: string;
    clientId: string;
    clientSecret: string;
    secretSet: string;
    secretUnset: string;
    rolesClaim: string;
    mapping: string;
    mappingHint: string;
    passwordLogin: string;
    passwordLoginHint: string;
    fromEnvironment: (variable: string) => string;
    redirectUri: string;
    check: string;
    checking: string;
    save: string;
    saving: string;
    saved: string;
    checked: (endpoint: string, redirectUri: string) => string;
    errors: Record<'SSO_DISCOVERY_FAILED' | 'SSO_SETTINGS_INVALID', string>;
  }
> = {
  en: {
    title: 'Single sign-on',
    hint: 'Console users sign in with your OpenID Connect identity provider. Changes apply at the next sign-in, without a restart.',
    enabled: 'Single sign-on on',
    name: 'Name on the sign-in button',
    issuer: 'Issuer URL',
    clientId: 'Client ID',
    clientSecret: 'Client secret',
    secretSet: 'A secret is saved (never shown); leave empty to keep it.',
    secretUnset: 'No secret saved yet.',
    rolesClaim: 'Claim carrying groups or roles',
    mapping: 'Claim values that give each role',
    mappingHint: 'Several values separated by commas; the strongest role that matches wins.',
    passwordLogin: 'Password sign-in allowed',
    passwordLoginHint:
      'Turning it off needs single sign-on working and an admin who has already signed in with it.',
    fromEnvironment: (variable) => `Set on the server by ${variable}; change it there.`,
    redirectUri: 'Redirect URI to register at the provider',
    check: 'Check with the provider',
    checking: 'Checking…',
    save: 'Save',
    saving: 'Saving…',
    saved: 'Saved. It applies at the next sign-in.',
    checked: (endpoint, redirectUri) =>
      `It works: the provider answered and will receive users at ${endpoint}. Register ${redirectUri} as the client's redirect URI.`,
    errors: {
      SSO_DISCOVERY_FAILED:
        'The provider could not be reached or did not answer as an OpenID Connect provider.',
      SSO_SETTINGS_INVALID: 'These settings were refused.',
    },
  },
  fr: {
    title: 'Connexion unique',
    hint: 'Les utilisateurs de la console se connectent avec votre fournisseur d’identité OpenID Connect. Les changements s’appliquent à la connexion suivante, sans redémarrage.',
    enabled: 'Connexion unique activée',
    name: 'Nom sur le bouton de connexion',
    issuer: 'URL de l’émetteur',
    clientId: 'Identifiant client',
    clientSecret: 'Secret client',
    secretSet: 'Un secret est enregistré (jamais affiché) ; laissez vide pour le garder.',
    secretUnset: 'Aucun secret enregistré.',
    rolesClaim: 'Revendication portant les groupes ou rôles',
    mapping: 'Valeurs de la revendication donnant chaque rôle',
    mappingHint:
      'Plusieurs valeurs séparées par des virgules ; le rôle le plus fort qui correspond l’emporte.',
    passwordLogin: 'Connexion par mot de passe autorisée',
    passwordLoginHint:
      'La désactiver demande une connexion unique qui fonctionne et un administrateur qui s’est déjà connecté avec.',
    fromEnvironment: (variable) => `Défini sur le serveur par ${variable} ; à changer là-bas.`,
    redirectUri: 'URI de redirection à déclarer chez le fournisseur',
    check: 'Vérifier auprès du fournisseur',
    checking: 'Vérification…',
    save: 'Enregistrer',
    saving: 'Enregistrement…',
    saved: 'Enregistré. S’applique à la connexion suivante.',
    checked: (endpoint, redirectUri) =>
      `Cela fonctionne : le fournisseur a répondu et recevra les utilisateurs sur ${endpoint}. Déclarez ${redirectUri} comme URI de redirection du client.`,
    errors: {
      SSO_DISCOVERY_FAILED:
        'Le fournisseur est injoignable ou ne répond pas comme un fournisseur OpenID Connect : vérifiez l’URL de l’émetteur.',
      SSO_SETTINGS_INVALID:
        'Ces réglages ont été refusés : il manque un réglage, un champ est fixé par le serveur, ou aucun administrateur ne pourrait plus se connecter.',
    },
  },
};

const mappedRoles: Role[] = ['admin', 'supervisor', 'agent'];

interface Form {
  enabled: boolean;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  rolesClaim: string;
  mapping: Record<Role, string>;
  passwordLogin: boolean;
}

function formOf(settings: Settings): Form {
  const values = (role: Role) =>
    settings.roleMapping.find((entry) => entry.role === role)?.values.join(', ') ?? '';
  return {
    enabled: settings.enabled,
    name: settings.name,
    issuer: settings.issuer ?? '',
    clientId: settings.clientId ?? '',
    clientSecret: '',
    rolesClaim: settings.rolesClaim,
    mapping: { admin: values('admin'), supervisor: values('supervisor'), agent: values('agent') },
    passwordLogin: settings.passwordLogin,
  };
}

/** The body of a save or check: what the form holds, less the environment's fields and empty ones. */
function inputOf(form: Form, fixed: SingleSignOnField[]): SingleSignOnSettingsInput {
  const text = (value: string) => value.trim() || undefined;
  const roleMapping = mappedRoles
    .map((role) => ({
      role,
      values: form.mapping[role]
        .split(',')
        .map((value) => value.trim())
        .filter(Boolean),
    }))
    .filter((entry) => entry.values.length > 0);
  const input: SingleSignOnSettingsInput = {
    enabled: form.enabled,
    name: text(form.name),
    issuer: text(form.issuer),
    clientId: text(form.clientId),
    clientSecret: form.clientSecret || undefined,
    rolesClaim: text(form.rolesClaim),
    roleMapping,
    passwordLogin: form.passwordLogin,
  };
  for (const field of fixed) delete input[field];
  return input;
}

/** An error in the reader's words: the server's own sentence in English, the code's meaning in French. */
function problemOf(cause: unknown, locale: Locale): string {
  if (
    locale !== 'en' &&
    cause instanceof ApiError &&
    (cause.code === 'SSO_DISCOVERY_FAILED' || cause.code === 'SSO_SETTINGS_INVALID')
  )
    return strings[locale].errors[cause.code];
  return errorMessage(cause, locale);
}

/**
 * Admin: the installation's single sign-on, editable. Fields an environment variable sets are shown read-only
 * with the variable's name; the secret is never shown, only whether one is saved. "Check" asks the provider
 * with what the form holds, before anything is saved.
 */
export function SingleSignOnSettings() {
  const locale = consoleLocale;
  const t = strings[locale];
  const roles = teamStrings[locale].roles;
  const id = useId();
  const [settings, setSettings] = useState<Settings>();
  const [form, setForm] = useState<Form>();
  const [busy, setBusy] = useState<'checking' | 'saving'>();
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    let live = true;
    api
      .singleSignOnSettings()
      .then((value) => {
        if (!live) return;
        setSettings(value);
        setForm(formOf(value));
      })
      .catch((cause: unknown) => live && setProblem(errorMessage(cause)));
    return () => {
      live = false;
    };
  }, []);

  const fixed = settings?.fromEnvironment ?? [];
  const isFixed = (field: SingleSignOnField) => fixed.includes(field);
  const change = (patch: Partial<Form>) => {
    setForm((current) => (current ? { ...current, ...patch } : current));
    setStatus('');
  };

  async function check() {
    if (!form || !settings) return;
    setBusy('checking');
    setProblem(undefined);
    setStatus('');
    try {
      const result = await api.checkSingleSignOnSettings(inputOf(form, fixed));
      setStatus(t.checked(result.authorizationEndpoint, settings.redirectUri));
    } catch (cause) {
      setProblem(problemOf(cause, locale));
    } finally {
      setBusy(undefined);
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    setBusy('saving');
    setProblem(undefined);
    setStatus('');
    try {
      const saved = await api.saveSingleSignOnSettings(inputOf(form, fixed));
      setSettings(saved);
      setForm(formOf(saved));
      setStatus(t.saved);
    } catch (cause) {
      setProblem(problemOf(cause, locale));
    } finally {
      setBusy(undefined);
    }
  }

  const hintId = (field: SingleSignOnField) => `${id}-${field}-env`;
  const envHint = (field: SingleSignOnField) =>
    isFixed(field) ? (
      <p id={hintId(field)} className="muted">
        {t.fromEnvironment(singleSignOnVariables[field])}
      </p>
    ) : null;
  const text = (field: 'name' | 'issuer' | 'clientId' | 'rolesClaim', label: string, type = 'text') =>
    form ? (
      <div className="field">
        <label htmlFor={`${id}-${field}`}>{label}</label>
        <input
          id={`${id}-${field}`}
          type={type}
          value={form[field]}
          readOnly={isFixed(field)}
          aria-describedby={isFixed(field) ? hintId(field) : undefined}
          onChange={(event) => change({ [field]: event.target.value })}
          data-testid={`sso-${field}`}
        />
        {envHint(field)}
      </div>
    ) : null;

  return (
    <form
      className="card stack"
      aria-labelledby={`${id}-title`}
      data-testid="sso-settings"
      onSubmit={(event) => void save(event)}
    >
      <h2 id={`${id}-title`}>{t.title}</h2>
      <p>{t.hint}</p>
      {form && settings ? (
        <>
          <label>
            <input
              type="checkbox"
              checked={form.enabled}
              disabled={isFixed('enabled')}
              aria-describedby={isFixed('enabled') ? hintId('enabled') : undefined}
              onChange={(event) => change({ enabled: event.target.checked })}
              data-testid="sso-enabled"
            />{' '}
            {t.enabled}
          </label>
          {envHint('enabled')}
          {text('name', t.name)}
          {text('issuer', t.issuer, 'url')}
          {text('clientId', t.clientId)}
          <div className="field">
            <label htmlFor={`${id}-secret`}>{t.clientSecret}</label>
            <input
              id={`${id}-secret`}
              type="password"
              autoComplete="off"
              value={form.clientSecret}
              readOnly={isFixed('clientSecret')}
              aria-describedby={`${id}-secret-hint`}
              onChange={(event) => change({ clientSecret: event.target.value })}
              data-testid="sso-clientSecret"
            />
            <p id={`${id}-secret-hint`} className="muted">
              {isFixed('clientSecret')
                ? t.fromEnvironment(singleSignOnVariables.clientSecret)
                : settings.clientSecretSet
                  ? t.secretSet
                  : t.secretUnset}
            </p>
          </div>
          {text('rolesClaim', t.rolesClaim)}
          <fieldset className="stack" aria-describedby={`${id}-mapping-hint`}>
            <legend>{t.mapping}</legend>
            <p id={`${id}-mapping-hint`} className="muted">
              {t.mappingHint}
            </p>
            {mappedRoles.map((role) => (
              <div className="field" key={role}>
                <label htmlFor={`${id}-role-${role}`}>{roles[role]}</label>
                <input
                  id={`${id}-role-${role}`}
                  value={form.mapping[role]}
                  readOnly={isFixed('roleMapping')}
                  onChange={(event) => change({ mapping: { ...form.mapping, [role]: event.target.value } })}
                  data-testid={`sso-role-${role}`}
                />
              </div>
            ))}
            {envHint('roleMapping')}
          </fieldset>
          <label>
            <input
              type="checkbox"
              checked={form.passwordLogin}
              disabled={isFixed('passwordLogin')}
              aria-describedby={`${id}-password-hint`}
              onChange={(event) => change({ passwordLogin: event.target.checked })}
              data-testid="sso-passwordLogin"
            />{' '}
            {t.passwordLogin}
          </label>
          <p id={`${id}-password-hint`} className="muted">
            {isFixed('passwordLogin')
              ? t.fromEnvironment(singleSignOnVariables.passwordLogin)
              : t.passwordLoginHint}
          </p>
          <p>
            {t.redirectUri}: <code data-testid="sso-redirect-uri">{settings.redirectUri}</code>
          </p>
          <div className="row">
            <button
              type="button"
              onClick={() => void check()}
              disabled={busy !== undefined}
              data-testid="sso-check"
            >
              {busy === 'checking' ? t.checking : t.check}
            </button>
            <button type="submit" className="primary" disabled={busy !== undefined} data-testid="sso-save">
              {busy === 'saving' ? t.saving : t.save}
            </button>
          </div>
        </>
      ) : null}
      <p role="status" data-testid="sso-status">
        {status}
      </p>
      <p role="alert" className="error" data-testid="sso-problem">
        {problem ?? ''}
      </p>
    </form>
  );
}
