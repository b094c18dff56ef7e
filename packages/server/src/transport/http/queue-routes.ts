import { idParamsSchema, idSchema, type QueueInput, type QueuePatch } from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { requireRole } from './auth.ts';

const memberParamsSchema = z.object({ id: idSchema, userId: idSchema });

/** Queue administration. Reading needs any role (the console shows queue names); changing needs admin. */
export function queueRoutes(app: FastifyInstance, s: Services): void {
  const anyone = { preHandler: requireRole(s.accounts) };
  const admin = { preHandler: requireRole(s.accounts, 'admin') };
  const id = (params: unknown) => parseOrFail(idParamsSchema, params).id;

  app.get('/v1/queues/:id', anyone, async (request) => s.queues.get(id(request.params)));
  app.post('/v1/queues', admin, async (request, reply) =>
    reply.status(201).send(await s.queues.create(request.body as QueueInput)),
  );
  app.patch('/v1/queues/:id', admin, async (request) =>
    s.queues.update(id(request.params), request.body as QueuePatch),
  );
  app.delete('/v1/queues/:id', admin, async (request, reply) => {
    await s.queues.delete(id(request.params));
    return reply.status(204).send();
  });
  app.put('/v1/queues/:id/members/:userId', admin, async (request) => {
    const params = parseOrFail(memberParamsSchema, request.params);
    return s.queues.addMember(params.id, params.userId);
  });
}
