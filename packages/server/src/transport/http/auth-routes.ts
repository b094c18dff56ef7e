import { loginBodySchema } from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import { toUser } from '../../domain/accounts/accounts-service.ts';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { currentUser, requireRole } from './auth.ts';
import { type LoginThrottleStore, loginBackoff, throttleKey } from './login-throttle.ts';
import { sessionCookie } from './session-cookie.ts';

export function authRoutes(
  app: FastifyInstance,
  s: Services,
  secureCookies: 'auto' | 'always' | 'never',
  throttle: LoginThrottleStore,
): void {
  app.post(
    '/v1/auth/login',
    { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const body = parseOrFail(loginBodySchema, request.body);
      // Before the password is checked, and the same for every email: a locked account reveals nothing.
      const key = throttleKey(body.email);
      const turn = await throttle.attempt(key, s.clock.now(), loginBackoff);
      if (!turn.allowed) {
        const seconds = Math.max(1, Math.ceil(turn.retryAfterMs / 1000));
        return reply
          .status(429)
          .header('retry-after', String(seconds))
          .send({
            error: {
              code: 'LOGIN_THROTTLED',
              message: `Too many failed sign-ins for this email; try again in ${seconds} s.`,
            },
          });
      }
      const { token, user, expiresAt } = await s.accounts.login(body.email, body.password);
      await throttle.succeeded(key);
      const secure = secureCookies === 'always' || (secureCookies === 'auto' && request.protocol === 'https');
      reply.setCookie(sessionCookie, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        expires: new Date(expiresAt),
      });
      return { user };
    },
  );
  app.post('/v1/auth/logout', async (request, reply) => {
    const token = request.cookies[sessionCookie];
    if (token) await s.accounts.logout(token);
    reply.clearCookie(sessionCookie, { path: '/' });
    return reply.status(204).send();
  });
  app.get('/v1/auth/me', { preHandler: requireRole(s.accounts) }, async (request) => ({
    user: toUser(currentUser(request)),
  }));
}
