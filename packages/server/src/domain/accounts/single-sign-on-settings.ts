import {
  type SingleSignOnCheck,
  type SingleSignOnField,
  type SingleSignOnSettings,
  type SingleSignOnSettingsInput,
  singleSignOnVariables,
} from '@beckon/protocol';
import type { AuditTrail } from '../../ports/audit-trail.ts';
import type { Clock } from '../../ports/clock.ts';
import type { SavedSingleSignOnSettings, Store } from '../../ports/store.ts';
import { fail } from '../errors.ts';
import type { RoleMapping } from './single-sign-on.ts';

/** The fields environment variables may set (config.ts), each winning over the saved one. */
export type SingleSignOnEnvironment = SavedSingleSignOnSettings;

/** The settings as they apply: environment over saved over defaults. */
export interface EffectiveSingleSignOn {
  enabled: boolean;
  issuer?: string;
  clientId?: string;
  clientSecret?: string;
  name: string;
  rolesClaim: string;
  roleMapping: RoleMapping;
  passwordLogin: boolean;
}

/** Single sign-on that is on and has all it needs to send a user to the provider and back. */
export type ActiveSingleSignOn = EffectiveSingleSignOn & {
  issuer: string;
  clientId: string;
  clientSecret: string;
};

/** What discovery found at the provider; throws SSO_DISCOVERY_FAILED saying why in words when it cannot. */
export interface IdentityProviderDiscovery {
  discover(connection: {
    issuer: string;
    clientId: string;
    clientSecret?: string;
  }): Promise<{ issuer: string; authorizationEndpoint: string }>;
}

const fields: SingleSignOnField[] = [
  'enabled',
  'issuer',
  'clientId',
  'clientSecret',
  'name',
  'rolesClaim',
  'roleMapping',
  'passwordLogin',
];

const roleOrder = ['admin', 'supervisor', 'agent'] as const;

export function isActive(settings: EffectiveSingleSignOn): settings is ActiveSingleSignOn {
  return (
    settings.enabled &&
    settings.issuer !== undefined &&
    settings.clientId !== undefined &&
    settings.clientSecret !== undefined &&
    settings.roleMapping.length > 0
  );
}

function missing(settings: EffectiveSingleSignOn): string[] {
  return [
    settings.issuer === undefined && 'the issuer URL',
    settings.clientId === undefined && 'the client ID',
    settings.clientSecret === undefined && 'the client secret',
    settings.roleMapping.length === 0 && 'at least one role mapped to claim values',
  ].filter((word): word is string => word !== false);
}

function merge(
  environment: SingleSignOnEnvironment,
  saved: SavedSingleSignOnSettings,
): EffectiveSingleSignOn {
  const pick = <K extends keyof SavedSingleSignOnSettings>(key: K) => environment[key] ?? saved[key];
  const mapping = pick('roleMapping') ?? [];
  return {
    enabled: pick('enabled') ?? false,
    issuer: pick('issuer'),
    clientId: pick('clientId'),
    clientSecret: pick('clientSecret'),
    name: pick('name') ?? 'single sign-on',
    rolesClaim: pick('rolesClaim') ?? 'groups',
    // Strongest role first, whatever order they were given in: the first match wins at sign-in.
    roleMapping: roleOrder.flatMap((role) => mapping.filter((entry) => entry.role === role)),
    passwordLogin: pick('passwordLogin') ?? true,
  };
}

/**
 * The installation's single sign-on settings: what an admin saved in the store, with the environment's
 * variables winning field by field. Read from the store at every use (sign-in options, each sign-in, each
 * password sign-in), so a save on one node applies on all of them at their next sign-in, without a restart.
 * A save is refused when it would leave nobody able to administer the installation: password sign-in off
 * needs single sign-on on, its provider answering, and an active admin already signed in through it.
 */
export class SingleSignOnSettingsService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly environment: SingleSignOnEnvironment,
    private readonly discovery: IdentityProviderDiscovery,
  ) {}

  async current(): Promise<EffectiveSingleSignOn> {
    return merge(this.environment, await this.store.singleSignOnSettings());
  }

  fromEnvironment(): SingleSignOnField[] {
    return fields.filter((field) => this.environment[field] !== undefined);
  }

  async view(redirectUri: string): Promise<SingleSignOnSettings> {
    const settings = await this.current();
    return {
      configured: isActive(settings),
      enabled: settings.enabled,
      passwordLogin: settings.passwordLogin,
      issuer: settings.issuer,
      clientId: settings.clientId,
      clientSecretSet: settings.clientSecret !== undefined,
      name: settings.name,
      rolesClaim: settings.rolesClaim,
      roleMapping: settings.roleMapping,
      fromEnvironment: this.fromEnvironment(),
      redirectUri,
    };
  }

  /** Discovery against the settings as they would apply with `input` saved; changes nothing. */
  async check(input: SingleSignOnSettingsInput, redirectUri: string): Promise<SingleSignOnCheck> {
    const settings = merge(this.environment, await this.withSecret(input));
    if (settings.issuer === undefined || settings.clientId === undefined)
      fail('SSO_SETTINGS_INVALID', 'Enter the issuer URL and the client ID to check them.');
    const found = await this.discovery.discover({
      issuer: settings.issuer,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
    });
    const incomplete = missing(settings);
    const still =
      incomplete.length > 0 ? ` Still missing before it can be used: ${incomplete.join(', ')}.` : '';
    return {
      ok: true,
      message: `The identity provider at ${found.issuer} answered: users will be sent to ${found.authorizationEndpoint}. Register ${redirectUri} as the client's redirect URI.${still}`,
      authorizationEndpoint: found.authorizationEndpoint,
    };
  }

  async update(
    actorId: string,
    input: SingleSignOnSettingsInput,
    redirectUri: string,
  ): Promise<SingleSignOnSettings> {
    const fixed = this.fromEnvironment().filter(
      (field) => input[field] !== undefined && !(field === 'enabled' && input.enabled === true),
    );
    if (fixed.length > 0)
      fail(
        'SSO_SETTINGS_INVALID',
        `${fixed.map((field) => singleSignOnVariables[field]).join(', ')} set ${fixed.length > 1 ? 'these' : 'this'} on the server; change ${fixed.length > 1 ? 'them' : 'it'} there.`,
        { fields: fixed },
      );
    const before = await this.store.singleSignOnSettings();
    const saved = await this.withSecret(input, before);
    const next = merge(this.environment, saved);
    if (next.enabled && !isActive(next))
      fail('SSO_SETTINGS_INVALID', `Single sign-on cannot be turned on without ${missing(next).join(', ')}.`);
    if (!next.passwordLogin) await this.someAdminCanSignIn(next);
    await this.store.saveSingleSignOnSettings(saved, actorId, this.clock.now());
    const changed = fields.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(saved[field]));
    // Which fields, never their values: the secret must not reach the trail, and the rest is in the settings.
    await this.audit.record({
      actorId,
      action: 'settings.single_sign_on_updated',
      targetType: 'settings',
      targetId: 'single-sign-on',
      details: { changed, enabled: next.enabled, passwordLogin: next.passwordLogin },
    });
    return this.view(redirectUri);
  }

  /** The secret is write-only: a save or check without one keeps the saved one. */
  private async withSecret(
    input: SingleSignOnSettingsInput,
    before?: SavedSingleSignOnSettings,
  ): Promise<SavedSingleSignOnSettings> {
    const saved = before ?? (await this.store.singleSignOnSettings());
    const clientSecret = input.clientSecret ?? saved.clientSecret;
    return Object.fromEntries(
      Object.entries({ ...input, clientSecret }).filter(([, value]) => value !== undefined),
    ) as SavedSingleSignOnSettings;
  }

  private async someAdminCanSignIn(next: EffectiveSingleSignOn): Promise<void> {
    if (!isActive(next))
      fail(
        'SSO_SETTINGS_INVALID',
        'Password sign-in can be turned off only while single sign-on is on and complete: nobody could sign in otherwise.',
      );
    if (!next.roleMapping.some((entry) => entry.role === 'admin'))
      fail(
        'SSO_SETTINGS_INVALID',
        'Password sign-in can be turned off only when a claim value gives the admin role: no admin could sign in otherwise.',
      );
    const found = await this.discovery.discover(next);
    if ((await this.store.countLinkedActiveUsers(found.issuer, 'admin')) === 0)
      fail(
        'SSO_SETTINGS_INVALID',
        'No active admin has signed in through this identity provider yet: sign in with single sign-on as an admin once, then turn password sign-in off.',
      );
  }
}
