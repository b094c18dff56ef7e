import { idParamsSchema, surveyListQuerySchema } from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { allow, currentUser, type Gate } from './auth.ts';

/**
 * The post-chat survey of one conversation: admins and supervisors read any, agents their own. The list of
 * recent surveys (the supervisor screen) is for supervisors and admins only.
 */
export function surveyRoutes(app: FastifyInstance, s: Services, gate: Gate): void {
  const staff = allow(gate, 'conversations:read', 'admin', 'supervisor', 'agent');

  app.get('/v1/conversations/:id/survey', staff, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    return { survey: await s.surveys.get(currentUser(request), id) };
  });

  const supervisor = allow(gate, 'analytics:read', 'supervisor', 'admin');
  app.get('/v1/surveys', supervisor, async (request) => {
    const { limit, before } = parseOrFail(surveyListQuerySchema, request.query);
    return { surveys: await s.store.listRecentChatSurveys(limit, before) };
  });
}
