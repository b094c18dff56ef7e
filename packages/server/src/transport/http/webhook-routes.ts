import { idParamsSchema, idSchema, webhookCreateSchema, webhookUpdateSchema } from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { allow, currentUser, type Gate } from './auth.ts';

const deliveryParamsSchema = z.object({ id: idSchema, deliveryId: idSchema });

/** Settings → Webhooks: endpoints, their secrets, the delivery log and test events. Admins only. */
export function webhookRoutes(app: FastifyInstance, s: Pick<Services, 'webhooks'>, gate: Gate): void {
  const read = allow(gate, 'webhooks:read', 'admin');
  const write = allow(gate, 'webhooks:write', 'admin');
  const id = (params: unknown) => parseOrFail(idParamsSchema, params).id;

  app.get('/v1/webhooks', read, async () => ({ endpoints: await s.webhooks.list() }));
  app.post('/v1/webhooks', write, async (request, reply) => {
    const input = parseOrFail(webhookCreateSchema, request.body);
    // The signing secret is in this answer only: never cached on the way.
    reply.header('cache-control', 'no-store');
    return reply.status(201).send(await s.webhooks.create(input));
  });
  app.patch('/v1/webhooks/:id', write, async (request) =>
    s.webhooks.update(id(request.params), parseOrFail(webhookUpdateSchema, request.body)),
  );
  app.delete('/v1/webhooks/:id', write, async (request, reply) => {
    await s.webhooks.remove(id(request.params));
    return reply.status(204).send();
  });
  app.post('/v1/webhooks/:id/secret', write, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return s.webhooks.rotateSecret(id(request.params));
  });
  app.get('/v1/webhooks/:id/deliveries', read, async (request) => ({
    deliveries: await s.webhooks.deliveries(id(request.params)),
  }));
  app.get('/v1/webhooks/:id/deliveries/:deliveryId/attempts', read, async (request) => {
    const params = parseOrFail(deliveryParamsSchema, request.params);
    return { attempts: await s.webhooks.attempts(params.id, params.deliveryId) };
  });
  app.post('/v1/webhooks/:id/test', write, async (request, reply) =>
    reply
      .status(202)
      .send({ delivery: await s.webhooks.sendTest(id(request.params), currentUser(request).id) }),
  );
  app.post('/v1/webhooks/:id/deliveries/:deliveryId/resend', write, async (request, reply) => {
    const params = parseOrFail(deliveryParamsSchema, request.params);
    return reply.status(202).send({ delivery: await s.webhooks.resend(params.id, params.deliveryId) });
  });
}
