import type { ApiTokenScope, Role } from '@beckon/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountsService, SignedIn } from '../../domain/accounts/accounts-service.ts';
import { type ApiTokens, hasScope } from '../../domain/api-tokens/api-tokens.ts';
import { fail } from '../../domain/errors.ts';
import type { ApiTokenRow, UserRow } from '../../ports/store.ts';
import { sessionCookie } from './session-cookie.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user?: UserRow;
    signedIn?: SignedIn;
    /** Set when the request authenticated with `Authorization: Bearer`. */
    apiToken?: ApiTokenRow;
  }
  interface FastifyContextConfig {
    /** Who may call the route: set by `allow` and `sessionOnly`, read by the route catalogue's tests. */
    gate?: RouteGate;
  }
}

/** A route's gate as declared where it is registered: the roles, and the token scope (null: sessions only). */
export interface RouteGate {
  scope: ApiTokenScope | null;
  roles: Role[];
}

/** What the route gates need: sign-ins, API tokens and the per-token rate limit. */
export interface Gate {
  accounts: AccountsService;
  apiTokens: ApiTokens;
  /** Counts one request of the token (in `request.apiToken`); refuses with API_TOKEN_RATE_LIMITED over the limit. */
  limitToken(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

type PreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
interface GatedRoute {
  preHandler: PreHandler;
  config: { gate: RouteGate };
}

/** `Bearer <token>` from the Authorization header; undefined when the request does not use one. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ \t]+(\S*)[ \t]*$/i.exec(header);
  if (!match) return /^Bearer\b/i.test(header) ? '' : undefined;
  return match[1];
}

/**
 * The gate of a route an integration may call: a signed-in user with one of the roles (any role when none are
 * given), or an API token holding `scope`, acting as the admin who created it (whose role must be among the
 * roles too). A request with a bearer token is judged by the token alone, never by a cookie it also carries.
 */
export function allow(gate: Gate, scope: ApiTokenScope, ...roles: Role[]): GatedRoute {
  return {
    config: { gate: { scope, roles } },
    preHandler: async (request, reply) => {
      const bearer = bearerToken(request);
      if (bearer === undefined) return signedInWithRole(gate.accounts, request, roles);
      const { token, user } = await gate.apiTokens.authenticate(bearer);
      request.apiToken = token;
      // Counted before the scope check: a refused request costs the token as much as an answered one.
      await gate.limitToken(request, reply);
      if (!hasScope(token, scope)) fail('API_TOKEN_SCOPE', `This API token lacks the scope ${scope}.`);
      if (roles.length > 0 && !roles.includes(user.role))
        fail('FORBIDDEN', `This needs the role ${roles.join(' or ')}.`);
      request.user = user;
    },
  };
}

/**
 * The gate of a route only a signed-in console user may call (the own account, users, the audit trail, personal
 * data, API tokens themselves): any role when none are given. An API token is refused, whatever its scopes.
 */
export function sessionOnly(gate: Gate, ...roles: Role[]): GatedRoute {
  return {
    config: { gate: { scope: null, roles } },
    preHandler: async (request) => {
      refuseToken(request);
      await signedInWithRole(gate.accounts, request, roles);
    },
  };
}

/**
 * The gate of the user's own account: any signed-in user, a temporary password or a pending two-factor enrolment
 * included (that is where they fix it). Sessions only.
 */
export function ownAccount(gate: Gate): GatedRoute {
  return {
    config: { gate: { scope: null, roles: [] } },
    preHandler: async (request) => {
      refuseToken(request);
      await signIn(gate.accounts, request);
    },
  };
}

function refuseToken(request: FastifyRequest): void {
  if (bearerToken(request) !== undefined)
    fail('API_TOKEN_SCOPE', 'API tokens cannot reach this route: it takes a signed-in session.');
}

async function signIn(accounts: AccountsService, request: FastifyRequest): Promise<SignedIn> {
  const signedIn = await accounts.signedIn(request.cookies[sessionCookie]);
  if (!signedIn) fail('UNAUTHENTICATED', 'Sign in first.');
  request.user = signedIn.user;
  request.signedIn = signedIn;
  return signedIn;
}

/**
 * A signed-in user with one of the roles. A user holding a temporary password, or whose role must use two-factor
 * sign-in before they enrolled, is refused until they have done that (on `/v1/account`).
 */
async function signedInWithRole(accounts: AccountsService, request: FastifyRequest, roles: Role[]) {
  const { user, twoFactorEnrolmentRequired } = await signIn(accounts, request);
  if (user.passwordChangeRequired) fail('PASSWORD_CHANGE_REQUIRED', 'Change your temporary password first.');
  if (twoFactorEnrolmentRequired) fail('TWO_FACTOR_ENROLMENT_REQUIRED', 'Turn on two-factor sign-in first.');
  if (roles.length > 0 && !roles.includes(user.role))
    fail('FORBIDDEN', `This needs the role ${roles.join(' or ')}.`);
}

export function currentUser(request: FastifyRequest): UserRow {
  return request.user ?? fail('UNAUTHENTICATED', 'Sign in first.');
}

export function currentSignIn(request: FastifyRequest): SignedIn {
  return request.signedIn ?? fail('UNAUTHENTICATED', 'Sign in first.');
}
