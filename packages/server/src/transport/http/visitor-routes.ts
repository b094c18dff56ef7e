import { idParamsSchema, visitorInvitationBodySchema } from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { currentUser, requireRole } from './auth.ts';

/** Visitors on the site now: an admin (or an integration signed in as one) invites one with a message. */
export function visitorRoutes(app: FastifyInstance, s: Services): void {
  const admin = { preHandler: requireRole(s.accounts, 'admin') };
  app.post('/v1/visitors/:id/invitations', admin, async (request, reply) => {
    const { id } = parseOrFail(idParamsSchema, request.params);
    const { message } = parseOrFail(visitorInvitationBodySchema, request.body);
    const invitation = await s.agentInvitations.invite(currentUser(request), id, message);
    return reply.status(201).send({
      invitation: { id: invitation.id, visitorId: invitation.visitorId, expiresAt: invitation.expiresAt },
    });
  });
}
