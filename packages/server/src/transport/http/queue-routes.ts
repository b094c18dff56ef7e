import { idParamsSchema, idSchema, type QueueInput, type QueuePatch } from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { allow, type Gate } from './auth.ts';

const memberParamsSchema = z.object({ id: idSchema, userId: idSchema });

/** Queue administration. Reading needs any role (the console shows queue names); changing needs admin. */
export function queueRoutes(app: FastifyInstance, s: Services, gate: Gate): void {
  const read = allow(gate, 'widgets:read');
  const write = allow(gate, 'widgets:write', 'admin');
  const id = (params: unknown) => parseOrFail(idParamsSchema, params).id;

  app.get('/v1/queues/:id', read, async (request) => s.queues.get(id(request.params)));
  app.post('/v1/queues', write, async (request, reply) =>
    reply.status(201).send(await s.queues.create(request.body as QueueInput)),
  );
  app.patch('/v1/queues/:id', write, async (request) =>
    s.queues.update(id(request.params), request.body as QueuePatch),
  );
  app.delete('/v1/queues/:id', write, async (request, reply) => {
    await s.queues.delete(id(request.params));
    return reply.status(204).send();
  });
  app.put('/v1/queues/:id/members/:userId', write, async (request) => {
    const params = parseOrFail(memberParamsSchema, request.params);
    return s.queues.addMember(params.id, params.userId);
  });
}
