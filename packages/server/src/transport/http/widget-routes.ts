import type { RuleInput, WidgetInput, WidgetPatch } from '@beckon/protocol';
import { idParamsSchema } from '@beckon/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { toWidget } from '../../domain/widgets/widgets-service.ts';
import { currentUser, requireRole } from './auth.ts';

/** Widgets, queues and rules. Reading needs any role; changing needs admin. */
export function widgetRoutes(app: FastifyInstance, s: Services): void {
  const anyone = { preHandler: requireRole(s.accounts) };
  const admin = { preHandler: requireRole(s.accounts, 'admin') };
  const id = (params: unknown) => parseOrFail(idParamsSchema, params).id;
  const actor = (request: FastifyRequest) => currentUser(request).id;

  app.get('/v1/widgets', anyone, async () => ({ widgets: await s.widgets.list() }));
  app.get('/v1/widgets/:id', anyone, async (request) => toWidget(await s.widgets.get(id(request.params))));
  app.post('/v1/widgets', admin, async (request, reply) => {
    const widget = await s.widgets.create(request.body as WidgetInput);
    return reply.status(201).send(toWidget(widget));
  });
  app.patch('/v1/widgets/:id', admin, async (request) =>
    toWidget(await s.widgets.update(id(request.params), request.body as WidgetPatch)),
  );
  app.get('/v1/queues', anyone, async () => ({ queues: await s.queues.list() }));

  app.get('/v1/widgets/:id/rules', anyone, async (request) => ({
    rules: await s.widgets.rules(id(request.params)),
  }));
  app.post('/v1/widgets/:id/rules', admin, async (request, reply) => {
    const rule = await s.widgets.createRule(id(request.params), request.body as RuleInput, actor(request));
    return reply.status(201).send(rule);
  });
  app.get('/v1/rules/:id', anyone, async (request) => s.widgets.getRule(id(request.params)));
  app.put('/v1/rules/:id', admin, async (request) =>
    s.widgets.updateRule(id(request.params), request.body as RuleInput, actor(request)),
  );
  app.delete('/v1/rules/:id', admin, async (request, reply) => {
    await s.widgets.deleteRule(id(request.params), actor(request));
    return reply.status(204).send();
  });
}
