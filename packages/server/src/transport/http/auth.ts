import type { Role } from '@beckon/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountsService, SignedIn } from '../../domain/accounts/accounts-service.ts';
import { fail } from '../../domain/errors.ts';
import type { UserRow } from '../../ports/store.ts';
import { sessionCookie } from './session-cookie.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user?: UserRow;
    signedIn?: SignedIn;
  }
}

async function signIn(accounts: AccountsService, request: FastifyRequest): Promise<SignedIn> {
  const signedIn = await accounts.signedIn(request.cookies[sessionCookie]);
  if (!signedIn) fail('UNAUTHENTICATED', 'Sign in first.');
  request.user = signedIn.user;
  request.signedIn = signedIn;
  return signedIn;
}

/**
 * A preHandler that requires a signed-in user with one of the roles (any role when none are given). A user
 * holding a temporary password, or whose role must use two-factor sign-in before they enrolled, is refused
 * until they have done that (on `/v1/account`).
 */
export function requireRole(accounts: AccountsService, ...roles: Role[]) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const { user, twoFactorEnrolmentRequired } = await signIn(accounts, request);
    if (user.passwordChangeRequired)
      fail('PASSWORD_CHANGE_REQUIRED', 'Change your temporary password first.');
    if (twoFactorEnrolmentRequired)
      fail('TWO_FACTOR_ENROLMENT_REQUIRED', 'Turn on two-factor sign-in first.');
    if (roles.length > 0 && !roles.includes(user.role))
      fail('FORBIDDEN', `This needs the role ${roles.join(' or ')}.`);
  };
}

/** A preHandler for the user's own account: any signed-in user, a temporary password included. */
export function requireSignedIn(accounts: AccountsService) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    await signIn(accounts, request);
  };
}

export function currentUser(request: FastifyRequest): UserRow {
  return request.user ?? fail('UNAUTHENTICATED', 'Sign in first.');
}

export function currentSignIn(request: FastifyRequest): SignedIn {
  return request.signedIn ?? fail('UNAUTHENTICATED', 'Sign in first.');
}
