import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fail } from '../../domain/errors.ts';
import { type ConsoleOrigins, requestOrigin } from '../console-origins.ts';
import { bearerToken } from './auth.ts';
import { sessionCookie } from './session-cookie.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery: the session cookie is SameSite=Lax, which still rides along with requests from
 * same-site pages (another port, a sibling subdomain). So every state-changing request from a browser must
 * come from one of the console's origins. One hook before any route (and before the body is read).
 */
export function originCheck(app: FastifyInstance, origins: ConsoleOrigins): void {
  app.addHook('onRequest', async (request) => {
    // Every path, not only /v1: a route matched through an encoded or doubled slash must not slip past.
    if (safeMethods.has(request.method)) return;
    // An API token is not ambient: a browser never adds an Authorization header on its own, so a forged
    // cross-site request cannot carry one (setting it from script needs the token and a CORS preflight, granted
    // only by the visitor file routes to the widget's allowed origins). Without the session cookie there is nothing
    // to forge, so integrations, and visitors with their credential, may call from anywhere. With the cookie
    // present the check stays: the request may still be a browser's.
    if (bearerToken(request) !== undefined && !hasSessionCookie(request)) return;
    const verdict = origins.judge({
      origin: header(request, 'origin'),
      secFetchSite: header(request, 'sec-fetch-site'),
      ownOrigin: requestOrigin(request.protocol, request.host),
      hasSession: hasSessionCookie(request),
    });
    if (!verdict.allowed) fail('FORBIDDEN_ORIGIN', verdict.reason);
  });
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

// Read from the header itself: @fastify/cookie parses cookies in its own onRequest hook, which may run later.
function hasSessionCookie(request: FastifyRequest): boolean {
  const cookie = request.headers.cookie;
  if (!cookie) return false;
  return cookie.split(';').some((part) => part.trim().startsWith(`${sessionCookie}=`));
}
