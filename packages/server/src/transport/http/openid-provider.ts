import * as oidc from 'openid-client';
import type { ProviderIdentity } from '../../domain/accounts/single-sign-on.ts';
import type {
  ActiveSingleSignOn,
  IdentityProviderDiscovery,
} from '../../domain/accounts/single-sign-on-settings.ts';
import { fail } from '../../domain/errors.ts';

/** Plain http only to a provider on this machine (tests, local trials); anywhere else it must be https. */
function loopbackHttp(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

function roleValues(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  if (Array.isArray(claim)) return claim.filter((v): v is string => typeof v === 'string');
  return [];
}

/** Kept between the start of a sign-in and its callback (in the browser's cookie). */
export interface Transaction {
  state: string;
  nonce: string;
  verifier: string;
}

interface Connection {
  issuer: string;
  clientId: string;
  clientSecret?: string;
}

function discover(connection: Connection): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(connection.issuer), connection.clientId, connection.clientSecret, undefined, {
    execute: loopbackHttp(connection.issuer) ? [oidc.allowInsecureRequests] : [],
  });
}

/** Why discovery failed, in words an admin can act on (openid-client's errors name the step, not the fix). */
function reason(error: unknown): string {
  const code = (error as { code?: string } | undefined)?.code;
  // The network's code is at the end of the chain of causes (fetch wraps it, openid-client may wrap fetch).
  const codes: unknown[] = [];
  let deepest: unknown = error;
  for (let at: unknown = error; at && codes.length < 5; at = (at as { cause?: unknown }).cause) {
    codes.push((at as { code?: unknown }).code);
    deepest = at;
  }
  if (codes.includes('ECONNREFUSED')) return 'nothing answers at that address';
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) return 'its host name is unknown';
  if (codes.some((c) => c === 'UND_ERR_CONNECT_TIMEOUT' || c === 'ETIMEDOUT'))
    return 'it did not answer in time';
  if (code === 'OAUTH_HTTP_REQUEST_FORBIDDEN')
    return 'the issuer URL must use https (plain http only for a provider on this machine)';
  const status = (error as { status?: number } | undefined)?.status;
  if (typeof status === 'number')
    return `its discovery document (/.well-known/openid-configuration) answered HTTP ${status}`;
  if (code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED')
    return 'its discovery document names another issuer: use exactly the issuer URL the provider gives';
  if (code === 'OAUTH_RESPONSE_IS_NOT_JSON' || code === 'OAUTH_RESPONSE_IS_NOT_CONFORM')
    return 'what answers there is not an OpenID Connect provider';
  return deepest instanceof Error ? deepest.message : 'an unknown error';
}

/**
 * The OpenID Connect client: the provider's metadata, discovered once per connection (issuer, client id, secret)
 * and discovered again when an admin changes them, or after a failure so a provider that was down recovers.
 */
export class OpenIdProvider implements IdentityProviderDiscovery {
  private cached?: { key: string; configuration: Promise<oidc.Configuration> };

  configuration(connection: Connection): Promise<oidc.Configuration> {
    const key = JSON.stringify([connection.issuer, connection.clientId, connection.clientSecret]);
    if (this.cached?.key !== key) {
      const configuration = discover(connection).catch((error: unknown) => {
        if (this.cached?.configuration === configuration) this.cached = undefined;
        throw error;
      });
      this.cached = { key, configuration };
    }
    return this.cached.configuration;
  }

  /** A fresh discovery (never the cached one): an admin checking settings wants the provider's answer now. */
  async discover(connection: Connection): Promise<{ issuer: string; authorizationEndpoint: string }> {
    try {
      const metadata = (await discover(connection)).serverMetadata();
      if (!metadata.authorization_endpoint)
        throw new Error('its discovery document has no authorization endpoint');
      return { issuer: metadata.issuer, authorizationEndpoint: metadata.authorization_endpoint };
    } catch (error) {
      return fail(
        'SSO_DISCOVERY_FAILED',
        `The identity provider at ${connection.issuer} could not be used: ${reason(error)}.`,
      );
    }
  }

  async identity(
    settings: ActiveSingleSignOn,
    callbackUrl: URL,
    transaction: Transaction,
  ): Promise<ProviderIdentity> {
    const client = await this.configuration(settings);
    const tokens = await oidc.authorizationCodeGrant(client, callbackUrl, {
      pkceCodeVerifier: transaction.verifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('no ID token');
    // Providers differ in which claims go in the ID token and which only in userinfo: read both.
    const info = await oidc.fetchUserInfo(client, tokens.access_token, idClaims.sub);
    const claims: Record<string, unknown> = { ...info, ...idClaims };
    return {
      issuer: idClaims.iss,
      subject: idClaims.sub,
      email: typeof claims.email === 'string' ? claims.email : undefined,
      emailVerified: claims.email_verified === true,
      name: typeof claims.name === 'string' ? claims.name : undefined,
      roleValues: roleValues(claims[settings.rolesClaim] ?? info[settings.rolesClaim]),
    };
  }
}
