import type { IncomingMessage } from 'node:http';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply } from 'fastify';

type HelmetOptions = NonNullable<Parameters<FastifyReply['helmet']>[0]>;

/**
 * The kinds of response, each with its own headers:
 * - `api`: JSON (`/v1`, health, redirects, anything unknown): nothing may run, load or frame it.
 * - `console`: the agent console, a single-page app with no inline script or style.
 * - `widget`: `/widget.js` and `/widget/*` (the pane, the chat-window page), loaded by customers' sites.
 * - `demo`: the demo shop, a customer's site with the widget on it.
 */
export type ResponseKind = 'api' | 'console' | 'widget' | 'demo';

export function responseKindOf(url: string): ResponseKind {
  if (url === '/console' || url.startsWith('/console/')) return 'console';
  if (url === '/widget.js' || url.startsWith('/widget.js?') || url.startsWith('/widget/')) return 'widget';
  if (url.startsWith('/demo/')) return 'demo';
  return 'api';
}

/** The node's own host for `connect-src`: the console and the widget open their WebSocket to it. */
function socketSources(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  // A Host that is not a plain host[:port] would let a client write its own directives into the header.
  return /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(host)
    ? `ws://${host} wss://${host}`
    : '';
}

function policies(secure: boolean): Record<ResponseKind, HelmetOptions> {
  const upgrade: Record<string, string[]> = secure ? { 'upgrade-insecure-requests': [] } : {};
  const common = {
    // Off when the node is reached over plain HTTP: HSTS there would be ignored or, worse, pin a test host.
    strictTransportSecurity: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xContentTypeOptions: true,
    referrerPolicy: { policy: 'no-referrer' },
  } as const;
  const pageDirectives = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'connect-src': ["'self'", socketSources],
    'img-src': ["'self'", 'data:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    ...upgrade,
  };
  return {
    api: {
      ...common,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"], 'form-action': ["'none'"] },
      },
      xFrameOptions: { action: 'deny' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
    },
    console: {
      ...common,
      contentSecurityPolicy: {
        useDefaults: false,
        // React sets inline styles through the CSSOM and uPlot's stylesheet is bundled, so no 'unsafe-inline'.
        directives: {
          ...pageDirectives,
          'style-src': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
        },
      },
      xFrameOptions: { action: 'deny' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      crossOriginOpenerPolicy: { policy: 'same-origin' },
    },
    widget: {
      ...common,
      contentSecurityPolicy: {
        useDefaults: false,
        // 'unsafe-inline' styles only: the widget puts its CSS in a <style> inside its shadow root (and the
        // chat-window page has a small <style> of its own). Scripts stay 'self'.
        directives: {
          ...pageDirectives,
          'style-src': ["'self'", "'unsafe-inline'"],
          'form-action': ["'none'"],
          'frame-ancestors': ["'none'"],
        },
      },
      xFrameOptions: { action: 'deny' },
      // Customers' pages load these scripts, and open the chat window with a handle they keep.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      crossOriginOpenerPolicy: { policy: 'unsafe-none' },
    },
    demo: {
      ...common,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          ...pageDirectives,
          'style-src': ["'self'", "'unsafe-inline'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'self'"],
        },
      },
      xFrameOptions: { action: 'sameorigin' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      // Like an ordinary shop: the journey between its pages keeps its referrer (rules can use it), and the chat
      // window it opens stays reachable.
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
    },
  };
}

/**
 * Security headers on every response, by kind (`responseKindOf`). HSTS only when the node is served over HTTPS:
 * BECKON_PUBLIC_URL is https, or the request came in over TLS (directly or through a trusted proxy).
 */
export async function securityHeaders(app: FastifyInstance, options: { publicUrl?: string }): Promise<void> {
  await app.register(fastifyHelmet, { global: false });
  const publicHttps = options.publicUrl?.startsWith('https:') ?? false;
  const byTransport = { plain: policies(false), secure: policies(true) };
  app.addHook('onRequest', async (request, reply) => {
    const set = publicHttps || request.protocol === 'https' ? byTransport.secure : byTransport.plain;
    reply.helmet(set[responseKindOf(request.url)]);
  });
}

/** For answers written before any hook runs (a URL the router cannot read): the `api` kind's essentials. */
export const bareSecurityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};
