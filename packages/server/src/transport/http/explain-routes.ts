import { type ExplainJourney, explainQuerySchema, idParamsSchema } from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { allow, type Gate } from './auth.ts';

/**
 * Why rules fire or not (docs/rules.md, Explanations): for a visitor connected to this node, or for a typed
 * journey. Admins and supervisors only: the answer reveals visitors' journeys and the targeting.
 */
export function explainRoutes(app: FastifyInstance, s: Services, gate: Gate): void {
  const staff = allow(gate, 'widgets:read', 'admin', 'supervisor');
  const id = (params: unknown) => parseOrFail(idParamsSchema, params).id;

  app.get('/v1/widgets/:id/explain', staff, async (request) => {
    const { visitorId } = parseOrFail(explainQuerySchema, request.query);
    return s.explanations.explainLive(id(request.params), visitorId);
  });
  app.post('/v1/widgets/:id/explain', staff, async (request) =>
    s.explanations.explainJourney(id(request.params), request.body as ExplainJourney),
  );
}
