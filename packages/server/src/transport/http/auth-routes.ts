import { type LoginResponse, loginBodySchema, twoFactorLoginBodySchema } from '@beckon/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type SignInStep, toUser } from '../../domain/accounts/accounts-service.ts';
import { fail } from '../../domain/errors.ts';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { currentUser, type Gate, ownAccount } from './auth.ts';
import { type LoginThrottleStore, loginBackoff, throttleKey } from './login-throttle.ts';
import { sessionCookie } from './session-cookie.ts';

export function authRoutes(
  app: FastifyInstance,
  s: Services,
  secureCookies: 'auto' | 'always' | 'never',
  throttle: LoginThrottleStore,
  gate: Gate,
  /** Read at each attempt: an admin may turn password sign-in off or on in the console, on any node. */
  passwordLogin: () => Promise<boolean> = async () => true,
): void {
  async function answer(
    step: SignInStep,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<LoginResponse> {
    if (step.step === 'two-factor') return { twoFactorRequired: true, challenge: step.challenge };
    await s.audit.record({
      actorId: step.user.id,
      action: 'user.signed_in',
      targetType: 'user',
      targetId: step.user.id,
      details: { method: 'password' },
    });
    const secure = secureCookies === 'always' || (secureCookies === 'auto' && request.protocol === 'https');
    reply.setCookie(sessionCookie, step.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      expires: new Date(step.expiresAt),
    });
    return { user: step.user, passwordChangeRequired: step.passwordChangeRequired };
  }

  // Both steps are rate limited alike per client address: guessing codes is as slow as guessing passwords.
  const limited = { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } };
  app.post('/v1/auth/login', limited, async (request, reply) => {
    if (!(await passwordLogin()))
      fail('PASSWORD_LOGIN_DISABLED', 'Password sign-in is turned off: use single sign-on.');
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
    const step = await s.accounts.login(body.email, body.password);
    // The password was right: the streak of wrong ones ends (a second factor has its own attempt limit).
    await throttle.succeeded(key);
    return answer(step, request, reply);
  });
  app.post('/v1/auth/login/two-factor', limited, async (request, reply) => {
    if (!(await passwordLogin()))
      fail('PASSWORD_LOGIN_DISABLED', 'Password sign-in is turned off: use single sign-on.');
    const body = parseOrFail(twoFactorLoginBodySchema, request.body);
    return answer(await s.accounts.completeTwoFactor(body.challenge, body.code), request, reply);
  });
  app.post('/v1/auth/logout', async (request, reply) => {
    const token = request.cookies[sessionCookie];
    if (token) await s.accounts.logout(token);
    reply.clearCookie(sessionCookie, { path: '/' });
    return reply.status(204).send();
  });
  app.get('/v1/auth/me', ownAccount(gate), async (request) => ({
    user: toUser(currentUser(request)),
  }));
}
