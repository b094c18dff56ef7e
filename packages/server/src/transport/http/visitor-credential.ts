import { visitorFileQuerySchema } from '@beckon/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fail } from '../../domain/errors.ts';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { secretMatches } from '../../domain/visitors/visitor-credentials.ts';
import { isOriginAllowed } from '../../domain/widgets/widget-access.ts';
import type { WidgetRow } from '../../ports/store.ts';
import { requestOrigin } from '../console-origins.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The visitor an HTTP request proved to be (authenticateVisitor). */
    visitorId?: string;
  }
}

/** `Bearer <visitor id>.<secret>`: both are what the widget keeps from its welcome. */
const bearer = /^Bearer ([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{1,128})$/;
const allowedHeaders = 'authorization, content-type, beckon-file-name, beckon-caption, idempotency-key';

/**
 * The widget's key names the widget; like the visitor socket, a switched-off widget or a page on another
 * origin is refused (the chat window, served by this node, is same-origin). An allowed origin may read the
 * answer (CORS), errors included, so the widget can show them.
 */
async function admitWidget(s: Services, request: FastifyRequest, reply: FastifyReply): Promise<WidgetRow> {
  const { key } = parseOrFail(visitorFileQuerySchema, request.query);
  const widget = (await s.store.getWidgetByKey(key)) ?? fail('WIDGET_NOT_FOUND', 'No widget has this key.');
  if (!widget.enabled) fail('WIDGET_DISABLED', 'The widget is switched off.');
  const origin = request.headers.origin;
  if (origin === undefined) return widget;
  const own = requestOrigin(request.protocol, request.host);
  if (origin !== own && !isOriginAllowed(widget, origin)) {
    fail('ORIGIN_NOT_ALLOWED', 'This page may not use the widget.');
  }
  reply
    .header('access-control-allow-origin', origin)
    .header('vary', 'Origin')
    // Not CORS-safelisted, so the page could not read them otherwise: the file's name, and how long to wait.
    .header('access-control-expose-headers', 'content-disposition, retry-after');
  return widget;
}

/** The answer to a browser's preflight for the visitor's file routes. */
export function visitorCors(s: Services) {
  return {
    onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
      await admitWidget(s, request, reply);
      reply
        .header('access-control-allow-methods', 'GET, POST')
        .header('access-control-allow-headers', allowedHeaders)
        .header('access-control-max-age', '600');
    },
  };
}

/**
 * An onRequest hook for visitor HTTP routes: the widget is admitted, then the visitor's secret is checked
 * against the stored hash (constant time). A wrong or missing credential answers UNAUTHENTICATED; nothing says
 * whether the visitor exists.
 */
export function authenticateVisitor(s: Services) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const widget = await admitWidget(s, request, reply);
    const match = bearer.exec(request.headers.authorization ?? '');
    const [visitorId, secret] = match ? [match[1], match[2]] : [undefined, undefined];
    const visitor = visitorId ? await s.store.getVisitor(visitorId) : undefined;
    const hash = visitor ? await s.store.getVisitorSecretHash(visitor.id) : undefined;
    if (!visitor || visitor.widgetId !== widget.id || !secretMatches(secret, hash)) {
      fail('UNAUTHENTICATED', 'The visitor credential is missing or wrong.');
    }
    request.visitorId = visitor.id;
  };
}
