import type { Socket } from 'node:net';
import { type ErrorCode, errorCodes, httpStatusOf } from '@beckon/protocol';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import { bareSecurityHeaders } from './security-headers.ts';

/** Fastify's own error codes that are the client's fault, mapped to ours (with their own messages). */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  FST_ERR_BAD_URL: 'MALFORMED_REQUEST',
  FST_ERR_MAX_PARAM_LENGTH: 'MALFORMED_REQUEST',
};

/**
 * Any other error a library marks as the client's (a 4xx `statusCode`, e.g. the static file server refusing an
 * encoded `..` or a NUL byte), by status; a status not listed is a malformed request.
 */
const clientStatusCodes: Record<number, ErrorCode> = {
  401: 'UNAUTHENTICATED',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

/** The stable code and message for an error; `undefined` when it is the server's own fault. */
export function clientFault(error: FastifyError): { code: ErrorCode; message: string } | undefined {
  if (error.statusCode === 429) return { code: 'RATE_LIMITED', message: error.message };
  const mapped = error.code ? fastifyCodes[error.code] : undefined;
  if (mapped) return { code: mapped, message: error.message };
  const status = error.statusCode ?? 500;
  if (status < 400 || status >= 500) return undefined;
  // A library's own wording may name files or internals: answer with ours.
  const code = clientStatusCodes[status] ?? 'MALFORMED_REQUEST';
  return { code, message: errorCodes[code].description };
}

function sendClientFault(
  request: FastifyRequest,
  reply: FastifyReply,
  fault: { code: ErrorCode; message: string },
) {
  // The client's mistake, not ours: below error level and without a stack trace.
  request.log.info({ code: fault.code, reason: fault.message }, 'client error');
  return reply.status(httpStatusOf(fault.code)).send({ error: fault });
}

/** The one place that turns errors into HTTP answers `{ error: { code, message, details? } }`. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return reply
        .status(httpStatusOf(error.code))
        .send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    const fault = clientFault(error);
    if (fault) return sendClientFault(request, reply, fault);
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: errorCodes.INTERNAL.description } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url}.` } }),
  );
}

/**
 * Fastify options for the faults found before routing, which the error handler never sees: a URL the router
 * cannot decode (`frameworkErrors`), and a request Node's parser rejects (`clientErrorHandler`). Both answer
 * in the same shape as every other error.
 */
export const earlyErrorOptions: Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> = {
  frameworkErrors(error, request, reply) {
    reply.headers(bareSecurityHeaders);
    const fault = clientFault(error) ?? {
      code: 'MALFORMED_REQUEST',
      message: errorCodes.MALFORMED_REQUEST.description,
    };
    return sendClientFault(request, reply, fault);
  },
  clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket) {
    // A request that timed out or a socket already gone has nobody left to read an answer.
    if (error.code === 'ECONNRESET' || error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || !socket.writable) {
      socket.destroy();
      return;
    }
    const body = JSON.stringify({
      error: { code: 'MALFORMED_REQUEST', message: errorCodes.MALFORMED_REQUEST.description },
    });
    const headers = Object.entries({
      ...bareSecurityHeaders,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'close',
    })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.end(`HTTP/1.1 ${httpStatusOf('MALFORMED_REQUEST')} Bad Request\r\n${headers}\r\n${body}`);
  },
};
