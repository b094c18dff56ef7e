import { apiTokenInputSchema, idParamsSchema } from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import type { ApiTokens } from '../../domain/api-tokens/api-tokens.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { currentUser, type Gate, sessionOnly } from './auth.ts';

/**
 * API tokens: admins create, list and revoke them in the console. Sessions only: a token cannot mint or revoke
 * tokens, so a leaked one cannot make itself permanent.
 */
export function apiTokenRoutes(app: FastifyInstance, tokens: ApiTokens, gate: Gate): void {
  const admin = sessionOnly(gate, 'admin');
  app.get('/v1/api-tokens', admin, async () => ({ tokens: await tokens.list() }));
  app.post('/v1/api-tokens', admin, async (request, reply) => {
    const input = parseOrFail(apiTokenInputSchema, request.body);
    // The secret is in this answer only: never stored, never logged, never cached on the way.
    reply.header('cache-control', 'no-store');
    return reply.status(201).send(await tokens.create(currentUser(request), input));
  });
  app.delete('/v1/api-tokens/:id', admin, async (request, reply) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    await tokens.revoke(id);
    return reply.status(204).send();
  });
}
