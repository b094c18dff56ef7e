import { loginBodySchema } from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import { toUser } from '../../domain/accounts/accounts-service.ts';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { currentUser, requireSignedIn } from './auth.ts';
import { sessionCookie } from './session-cookie.ts';

export function authRoutes(
  app: FastifyInstance,
  s: Services,
  secureCookies: 'auto' | 'always' | 'never',
): void {
  app.post(
    '/v1/auth/login',
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const body = parseOrFail(loginBodySchema, request.body);
      const { token, user, expiresAt, passwordChangeRequired } = await s.accounts.login(
        body.email,
        body.password,
      );
      const secure = secureCookies === 'always' || (secureCookies === 'auto' && request.protocol === 'https');
      reply.setCookie(sessionCookie, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        expires: new Date(expiresAt),
      });
      return { user, passwordChangeRequired };
    },
  );
  app.post('/v1/auth/logout', async (request, reply) => {
    const token = request.cookies[sessionCookie];
    if (token) await s.accounts.logout(token);
    reply.clearCookie(sessionCookie, { path: '/' });
    return reply.status(204).send();
  });
  app.get('/v1/auth/me', { preHandler: requireSignedIn(s.accounts) }, async (request) => ({
    user: toUser(currentUser(request)),
  }));
}
