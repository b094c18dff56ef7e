import type { RuleInput, WidgetInput, WidgetPatch } from '@beckon/protocol';
import { idParamsSchema } from '@beckon/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { toWidget } from '../../domain/widgets/widgets-service.ts';
import { allow, currentUser, type Gate } from './auth.ts';

/** Widgets, queues and rules. Reading needs any role (or `widgets:read`); changing needs admin (`widgets:write`). */
export function widgetRoutes(app: FastifyInstance, s: Services, gate: Gate): void {
  const read = allow(gate, 'widgets:read');
  const write = allow(gate, 'widgets:write', 'admin');
  const id = (params: unknown) => parseOrFail(idParamsSchema, params).id;
  const actor = (request: FastifyRequest) => currentUser(request).id;

  app.get('/v1/widgets', read, async () => ({ widgets: await s.widgets.list() }));
  app.get('/v1/widgets/:id', read, async (request) => toWidget(await s.widgets.get(id(request.params))));
  app.post('/v1/widgets', write, async (request, reply) => {
    const widget = await s.widgets.create(request.body as WidgetInput);
    return reply.status(201).send(toWidget(widget));
  });
  app.patch('/v1/widgets/:id', write, async (request) =>
    toWidget(await s.widgets.update(id(request.params), request.body as WidgetPatch)),
  );
  app.get('/v1/queues', read, async () => ({ queues: await s.queues.list() }));

  app.get('/v1/widgets/:id/rules', read, async (request) => ({
    rules: await s.widgets.rules(id(request.params)),
  }));
  app.post('/v1/widgets/:id/rules', write, async (request, reply) => {
    const rule = await s.widgets.createRule(id(request.params), request.body as RuleInput, actor(request));
    return reply.status(201).send(rule);
  });
  app.get('/v1/rules/:id', read, async (request) => s.widgets.getRule(id(request.params)));
  app.put('/v1/rules/:id', write, async (request) =>
    s.widgets.updateRule(id(request.params), request.body as RuleInput, actor(request)),
  );
  app.delete('/v1/rules/:id', write, async (request, reply) => {
    await s.widgets.deleteRule(id(request.params), actor(request));
    return reply.status(204).send();
  });
}
