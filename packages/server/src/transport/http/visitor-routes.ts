import {
  idParamsSchema,
  type LiveVisitorsPage,
  liveVisitorsQuerySchema,
  visitorInvitationBodySchema,
} from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import { fail } from '../../domain/errors.ts';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { livePage } from '../../domain/visitors/live-visitor-list.ts';
import { allow, currentUser, type Gate } from './auth.ts';

/**
 * Visitors on the site now: every role reads a widget's live list (the same first page the Visitors screen
 * watches); an admin (or an API token with `visitors:write`) invites one with a message.
 */
export function visitorRoutes(app: FastifyInstance, s: Services, gate: Gate): void {
  const anyone = allow(gate, 'visitors:read');
  const admin = allow(gate, 'visitors:write', 'admin');
  app.get('/v1/widgets/:id/live-visitors', anyone, async (request): Promise<LiveVisitorsPage> => {
    const { id: widgetId } = parseOrFail(idParamsSchema, request.params);
    const { sort, limit, ...filter } = parseOrFail(liveVisitorsQuerySchema, request.query);
    if (!(await s.store.getWidget(widgetId))) fail('NOT_FOUND', `No widget ${widgetId}.`);
    const serverTime = s.clock.now();
    const page = livePage(s.liveVisitors.visitors(), { ...filter, widgetId }, sort, limit, serverTime);
    // One widget: its row and model are read now if stale, so the first answer already has the predictions.
    await s.livePredictions.prepare(widgetId);
    return { serverTime, total: page.total, visitors: s.livePredictions.annotate(page.visitors, serverTime) };
  });
  app.post('/v1/visitors/:id/invitations', admin, async (request, reply) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    const { message } = parseOrFail(visitorInvitationBodySchema, request.body);
    const invitation = await s.agentInvitations.invite(currentUser(request), id, message);
    return reply.status(201).send({
      invitation: { id: invitation.id, visitorId: invitation.visitorId, expiresAt: invitation.expiresAt },
    });
  });
}
