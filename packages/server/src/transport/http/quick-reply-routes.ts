import { idParamsSchema, quickReplyInputSchema } from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import type { QuickReplies } from '../../application/quick-replies.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { allow, currentUser, type Gate } from './auth.ts';

/**
 * Quick replies: every role reads them (agents insert them, filled in for the conversation at hand); admins
 * manage them.
 */
export function quickReplyRoutes(app: FastifyInstance, gate: Gate, replies: QuickReplies): void {
  const anyone = allow(gate, 'widgets:read');
  const admin = allow(gate, 'widgets:write', 'admin');

  app.get('/v1/quick-replies', anyone, async () => ({ quickReplies: await replies.list() }));
  app.get('/v1/conversations/:id/quick-replies', allow(gate, 'conversations:read'), async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    return { quickReplies: await replies.forConversation(currentUser(request), id) };
  });
  app.post('/v1/quick-replies', admin, async (request, reply) => {
    const input = parseOrFail(quickReplyInputSchema, request.body);
    return reply.status(201).send(await replies.create(input));
  });
  app.put('/v1/quick-replies/:id', admin, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    return replies.update(id, parseOrFail(quickReplyInputSchema, request.body));
  });
  app.delete('/v1/quick-replies/:id', admin, async (request, reply) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    await replies.remove(id);
    return reply.status(204).send();
  });
}
