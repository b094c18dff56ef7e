import { type SignInOptions, type SingleSignOnSettings, ssoCallbackQuerySchema } from '@beckon/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import type { Config, SingleSignOnConfig } from '../../config.ts';
import { type ProviderIdentity, SingleSignOn } from '../../domain/accounts/single-sign-on.ts';
import { DomainError, fail } from '../../domain/errors.ts';
import type { Services } from '../../domain/services.ts';
import { type Gate, sessionOnly } from './auth.ts';
import { sessionCookie } from './session-cookie.ts';

/** Holds state, nonce and PKCE verifier between the start and the callback (only this browser has them). */
const transactionCookie = 'beckon_oidc';
const transactionPath = '/v1/auth/oidc';
const transactionLifetimeS = 10 * 60;
const callbackPath = '/v1/auth/oidc/callback';

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

/**
 * OpenID Connect sign-in for console users (authorization code flow with PKCE, state and nonce), the sign-in
 * options the console asks for, and the admin's read-only view of the configuration.
 */
export function oidcRoutes(app: FastifyInstance, s: Services, config: Config, gate: Gate): void {
  const sso = config.singleSignOn;
  app.get(
    '/v1/auth/sign-in-options',
    async (): Promise<SignInOptions> => ({
      passwordLogin: config.passwordLogin,
      ...(sso && { singleSignOn: { name: sso.displayName, startUrl: '/v1/auth/oidc/start' } }),
    }),
  );
  app.get(
    '/v1/settings/single-sign-on',
    sessionOnly(gate, 'admin'),
    async (): Promise<SingleSignOnSettings> => ({
      configured: sso !== undefined,
      passwordLogin: config.passwordLogin,
      issuer: sso?.issuer,
      clientId: sso?.clientId,
      name: sso?.displayName,
      rolesClaim: sso?.rolesClaim,
      roleMapping: sso?.roleMapping ?? [],
    }),
  );
  if (!sso) {
    const notConfigured = async () => fail('SSO_NOT_CONFIGURED', 'Single sign-on is not configured.');
    app.get('/v1/auth/oidc/start', notConfigured);
    app.get(callbackPath, notConfigured);
    return;
  }
  const provider = new Provider(sso);
  const users = new SingleSignOn(s.store, s.clock, s.accounts, s.audit, sso.roleMapping);
  const limited = { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } };

  function secure(request: FastifyRequest): boolean {
    return (
      config.secureCookies === 'always' || (config.secureCookies === 'auto' && request.protocol === 'https')
    );
  }
  function redirectUri(request: FastifyRequest): string {
    const base = config.publicUrl
      ? new URL(config.publicUrl).origin
      : `${request.protocol}://${request.host}`;
    return `${base}${callbackPath}`;
  }

  app.get('/v1/auth/oidc/start', limited, async (request, reply) => {
    const client = await provider.configuration().catch(() => undefined);
    if (!client)
      return errorPage(reply, new DomainError('SSO_FAILED', 'The identity provider cannot be reached.'));
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(client, {
      redirect_uri: redirectUri(request),
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    reply.setCookie(transactionCookie, JSON.stringify({ state, nonce, verifier }), {
      path: transactionPath,
      httpOnly: true,
      // Lax: the provider's redirect back is a top-level GET, which Lax cookies go along with.
      sameSite: 'lax',
      secure: secure(request),
      maxAge: transactionLifetimeS,
    });
    return reply.redirect(url.href, 302);
  });

  app.get(callbackPath, limited, async (request, reply) => {
    const raw = request.cookies[transactionCookie];
    reply.clearCookie(transactionCookie, { path: transactionPath });
    try {
      const query = ssoCallbackQuerySchema.safeParse(request.query);
      if (!query.success) fail('SSO_FAILED', 'The identity provider sent a malformed answer.');
      if (query.data.error) fail('SSO_FAILED', `The identity provider refused: ${query.data.error}.`);
      const transaction = parseTransaction(raw);
      if (!transaction)
        fail('SSO_FAILED', 'This sign-in expired or was started in another browser; start again.');
      const identity = await provider.identity(
        new URL(`${redirectUri(request)}${queryString(request)}`),
        transaction,
      );
      const step = await users.signIn(identity);
      reply.setCookie(sessionCookie, step.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secure(request),
        expires: new Date(step.expiresAt),
      });
      return reply.redirect('/console/', 303);
    } catch (error) {
      if (error instanceof DomainError) {
        request.log.info({ code: error.code, reason: error.message }, 'single sign-on refused');
        return errorPage(reply, error);
      }
      request.log.warn({ err: error }, 'single sign-on failed');
      return errorPage(
        reply,
        new DomainError('SSO_FAILED', 'The identity provider’s answer could not be verified.'),
      );
    }
  });
}

function queryString(request: FastifyRequest): string {
  const at = request.url.indexOf('?');
  return at === -1 ? '' : request.url.slice(at);
}

interface Transaction {
  state: string;
  nonce: string;
  verifier: string;
}

function parseTransaction(raw: string | undefined): Transaction | undefined {
  if (!raw || raw.length > 2000) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<Transaction>;
    if (
      typeof value.state === 'string' &&
      typeof value.nonce === 'string' &&
      typeof value.verifier === 'string'
    )
      return { state: value.state, nonce: value.nonce, verifier: value.verifier };
  } catch {}
  return undefined;
}

/**
 * A browser lands here from the provider: back to the console's sign-in screen, which says what went wrong in
 * the user's language (the code is stable; the details are in the node's log).
 */
function errorPage(reply: FastifyReply, error: DomainError): FastifyReply {
  return reply.redirect(`/console/?sso_error=${encodeURIComponent(error.code)}`, 303);
}

/** The provider's metadata, discovered once (again after a failure, so a provider that was down recovers). */
class Provider {
  private discovered?: Promise<oidc.Configuration>;

  constructor(private readonly sso: SingleSignOnConfig) {}

  configuration(): Promise<oidc.Configuration> {
    this.discovered ??= oidc
      .discovery(new URL(this.sso.issuer), this.sso.clientId, this.sso.clientSecret, undefined, {
        execute: loopbackHttp(this.sso.issuer) ? [oidc.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        this.discovered = undefined;
        throw error;
      });
    return this.discovered;
  }

  async identity(callbackUrl: URL, transaction: Transaction): Promise<ProviderIdentity> {
    const client = await this.configuration();
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
      roleValues: roleValues(claims[this.sso.rolesClaim] ?? info[this.sso.rolesClaim]),
    };
  }
}
