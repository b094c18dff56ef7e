import type { Role } from '@beckon/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountsService } from '../../domain/accounts/accounts-service.ts';
import { fail } from '../../domain/errors.ts';
import type { UserRow } from '../../ports/store.ts';
import { sessionCookie } from './session-cookie.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user?: UserRow;
  }
}

/** A preHandler that requires a signed-in user with one of the roles (any role when none are given). */
export function requireRole(accounts: AccountsService, ...roles: Role[]) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const user = await accounts.authenticate(request.cookies[sessionCookie]);
    if (!user) fail('UNAUTHENTICATED', 'Sign in first.');
    if (roles.length > 0 && !roles.includes(user.role))
      fail('FORBIDDEN', `This needs the role ${roles.join(' or ')}.`);
    request.user = user;
  };
}

export function currentUser(request: FastifyRequest): UserRow {
  return request.user ?? fail('UNAUTHENTICATED', 'Sign in first.');
}
