import { idParamsSchema, surveyListQuerySchema } from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { currentUser, requireRole } from './auth.ts';

/**
 * The post-chat survey of one conversation: admins and supervisors read any, agents their own. The list of
 * recent surveys (the supervisor screen) is for supervisors and admins only.
 */
export function surveyRoutes(app: FastifyInstance, s: Services): void {
  const staff = { preHandler: requireRole(s.accounts, 'admin', 'supervisor', 'agent') };

  app.get('/v1/conversations/:id/survey', staff, async (request) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    return { survey: await s.surveys.get(currentUser(request), id) };
  });

  const supervisor = { preHandler: requireRole(s.accounts, 'supervisor', 'admin') };
  app.get('/v1/surveys', supervisor, async (request) => {
    const { limit, before } = parseOrFail(surveyListQuerySchema, request.query);
    return { surveys: await s.store.listRecentChatSurveys(limit, before) };
  });
}
