import {
  type SignInOptions,
  type SingleSignOnSettings,
  singleSignOnSettingsInputSchema,
  ssoCallbackQuerySchema,
} from '@beckon/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import type { Config } from '../../config.ts';
import { SingleSignOn } from '../../domain/accounts/single-sign-on.ts';
import {
  type ActiveSingleSignOn,
  isActive,
  type SingleSignOnSettingsService,
} from '../../domain/accounts/single-sign-on-settings.ts';
import { DomainError, fail } from '../../domain/errors.ts';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { currentUser, type Gate, sessionOnly } from './auth.ts';
import type { OpenIdProvider, Transaction } from './openid-provider.ts';
import { sessionCookie } from './session-cookie.ts';

/** Holds state, nonce and PKCE verifier between the start and the callback (only this browser has them). */
const transactionCookie = 'beckon_oidc';
const transactionPath = '/v1/auth/oidc';
const transactionLifetimeS = 10 * 60;
const callbackPath = '/v1/auth/oidc/callback';

/**
 * OpenID Connect sign-in for console users (authorization code flow with PKCE, state and nonce), the sign-in
 * options the console asks for, and the admin's settings. The settings are read at each request that needs them
 * (single-sign-on-settings.ts), so a change made on any node applies at the next sign-in everywhere.
 */
export function oidcRoutes(
  app: FastifyInstance,
  s: Services,
  config: Config,
  gate: Gate,
  sso: SingleSignOnSettingsService,
  provider: OpenIdProvider,
): void {
  app.get('/v1/auth/sign-in-options', async (): Promise<SignInOptions> => {
    const settings = await sso.current();
    return {
      passwordLogin: settings.passwordLogin,
      ...(isActive(settings) && { singleSignOn: { name: settings.name, startUrl: '/v1/auth/oidc/start' } }),
    };
  });
  const admin = sessionOnly(gate, 'admin');
  app.get(
    '/v1/settings/single-sign-on',
    admin,
    async (request): Promise<SingleSignOnSettings> => sso.view(redirectUri(request)),
  );
  app.put('/v1/settings/single-sign-on', admin, async (request): Promise<SingleSignOnSettings> => {
    const input = parseOrFail(singleSignOnSettingsInputSchema, request.body);
    return sso.update(currentUser(request).id, input, redirectUri(request));
  });
  app.post('/v1/settings/single-sign-on/check', admin, async (request) =>
    sso.check(parseOrFail(singleSignOnSettingsInputSchema, request.body), redirectUri(request)),
  );

  const limited = { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } };

  async function active(): Promise<ActiveSingleSignOn> {
    const settings = await sso.current();
    if (!isActive(settings)) fail('SSO_NOT_CONFIGURED', 'Single sign-on is not configured.');
    return settings;
  }
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
    const settings = await active();
    const client = await provider.configuration(settings).catch(() => undefined);
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
    const settings = await active();
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
        settings,
        new URL(`${redirectUri(request)}${queryString(request)}`),
        transaction,
      );
      // The mapping as saved now: a change an admin made since this sign-in started applies to it.
      const users = new SingleSignOn(s.store, s.clock, s.accounts, s.audit, settings.roleMapping);
      const step = await users.signIn(identity);
      await s.audit.record({
        actorId: step.user.id,
        action: 'user.signed_in',
        targetType: 'user',
        targetId: step.user.id,
        details: { method: 'sso' },
      });
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
