import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fail } from '../../domain/errors.ts';

/**
 * Requests per API token per minute, in @fastify/rate-limit's store: the counters live in Redis when it is
 * configured (rate-limit-store.ts), so the limit holds for the token across every node, not per node.
 */
export function apiTokenLimit(
  app: FastifyInstance,
  perMinute: number,
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const limiter = app.createRateLimit({
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => `api-token:${request.apiToken?.id ?? ''}`,
  });
  return async (request, reply) => {
    const verdict = await limiter(request);
    // `isAllowed` means "on the allow list" (there is none); the count decides.
    if (verdict.isAllowed || !verdict.isExceeded) return;
    reply.header('retry-after', String(verdict.ttlInSeconds));
    fail('API_TOKEN_RATE_LIMITED', `This API token made more than ${perMinute} requests in a minute.`);
  };
}
