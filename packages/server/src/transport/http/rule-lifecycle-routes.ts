import { idParamsSchema } from '@beckon/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ruleHistory } from '../../domain/proactive/rule-history.ts';
import { createRulePreview } from '../../domain/proactive/rule-preview.ts';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { allow, currentUser, type Gate } from './auth.ts';

/**
 * Rule lifecycle and results (docs/rules.md): publish / unpublish, version history, funnel analytics, preview
 * links. Changing needs admin; reading history and funnels needs admin or supervisor.
 */
export function ruleLifecycleRoutes(app: FastifyInstance, s: Services, gate: Gate): void {
  const admin = allow(gate, 'widgets:write', 'admin');
  const staff = allow(gate, 'widgets:read', 'admin', 'supervisor');
  const analytics = allow(gate, 'analytics:read', 'admin', 'supervisor');
  const id = (params: unknown) => parseOrFail(idParamsSchema, params).id;
  const actor = (request: FastifyRequest) => currentUser(request).id;

  app.post('/v1/rules/:id/publish', admin, async (request) =>
    s.widgets.setRuleStatus(id(request.params), 'published', actor(request)),
  );
  app.post('/v1/rules/:id/unpublish', admin, async (request) =>
    s.widgets.setRuleStatus(id(request.params), 'draft', actor(request)),
  );
  app.post('/v1/rules/:id/preview', admin, async (request) => {
    const rule = await s.widgets.getRule(id(request.params));
    return createRulePreview(s.store, rule, actor(request), s.clock.now());
  });
  app.get('/v1/rules/:id/versions', staff, async (request) => ({
    versions: await ruleHistory(s.store, id(request.params)),
  }));
  app.get('/v1/widgets/:id/funnel', analytics, async (request) =>
    s.analytics.funnel(id(request.params), request.query),
  );
}
