import { idParamsSchema, type QuickReply, quickReplyInputSchema } from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import { fail } from '../../domain/errors.ts';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import type { QuickReplyRow } from '../../ports/store.ts';
import { requireRole } from './auth.ts';

const toQuickReply = ({ id, title, text }: QuickReplyRow): QuickReply => ({ id, title, text });

/** Quick replies: every role reads them (agents insert them); admins manage them. */
export function quickReplyRoutes(app: FastifyInstance, s: Services): void {
  const anyone = { preHandler: requireRole(s.accounts) };
  const admin = { preHandler: requireRole(s.accounts, 'admin') };

  app.get('/v1/quick-replies', anyone, async () => ({
    quickReplies: (await s.store.listQuickReplies()).map(toQuickReply),
  }));
  app.post('/v1/quick-replies', admin, async (request, reply) => {
    const input = parseOrFail(quickReplyInputSchema, request.body);
    const row = { ...input, id: s.ids.next('qrp'), createdAt: s.clock.now() };
    await s.store.createQuickReply(row);
    return reply.status(201).send(toQuickReply(row));
  });
  app.put('/v1/quick-replies/:id', admin, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    const input = parseOrFail(quickReplyInputSchema, request.body);
    const row = { ...input, id, createdAt: 0 };
    if (!(await s.store.updateQuickReply(row))) fail('NOT_FOUND', `No quick reply ${id}.`);
    return toQuickReply(row);
  });
  app.delete('/v1/quick-replies/:id', admin, async (request, reply) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    if (!(await s.store.deleteQuickReply(id))) fail('NOT_FOUND', `No quick reply ${id}.`);
    return reply.status(204).send();
  });
}
