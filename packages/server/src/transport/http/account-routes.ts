import {
  changePasswordBodySchema,
  twoFactorConfirmBodySchema,
  twoFactorDisableBodySchema,
} from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import type { OwnAccount } from '../../application/own-account.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { currentSignIn, type Gate, ownAccount } from './auth.ts';

/**
 * `/v1/account`: the signed-in user's own account. Open to a user holding a temporary password or who must
 * enrol in two-factor sign-in (that is what they must do there); the password change is rate-limited as sign-in is, since it checks a password.
 */
export function accountRoutes(app: FastifyInstance, gate: Gate, account: OwnAccount): void {
  const signedIn = ownAccount(gate);

  app.get('/v1/account', signedIn, async (request) => account.get(currentSignIn(request)));
  app.post(
    '/v1/account/password',
    { ...signedIn, config: { ...signedIn.config, rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const body = parseOrFail(changePasswordBodySchema, request.body);
      await account.changePassword(currentSignIn(request), body.currentPassword, body.newPassword);
      return reply.status(204).send();
    },
  );
  app.post('/v1/account/two-factor/setup', signedIn, async (request) =>
    account.beginTwoFactor(currentSignIn(request)),
  );
  app.post(
    '/v1/account/two-factor/confirm',
    { ...signedIn, config: { ...signedIn.config, rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request) => {
      const { code } = parseOrFail(twoFactorConfirmBodySchema, request.body);
      return account.confirmTwoFactor(currentSignIn(request), code);
    },
  );
  app.post(
    '/v1/account/two-factor/disable',
    { ...signedIn, config: { ...signedIn.config, rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const { password } = parseOrFail(twoFactorDisableBodySchema, request.body);
      await account.disableTwoFactor(currentSignIn(request), password);
      return reply.status(204).send();
    },
  );
  app.post('/v1/account/sign-out-others', signedIn, async (request, reply) => {
    await account.signOutOthers(currentSignIn(request));
    return reply.status(204).send();
  });
}
