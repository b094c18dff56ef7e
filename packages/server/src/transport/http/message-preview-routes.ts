import { idParamsSchema, type MessagePreviewBody } from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { allow, type Gate } from './auth.ts';

/**
 * The rule editor's preview of a message for one visitor. Admins and supervisors, as for explanations: the
 * answer shows what the site knows of a visitor.
 */
export function messagePreviewRoutes(app: FastifyInstance, s: Services, gate: Gate): void {
  const staff = allow(gate, 'widgets:read', 'admin', 'supervisor');
  app.post('/v1/widgets/:id/message-preview', staff, async (request) =>
    s.messagePreviews.preview(
      parseOrFail(idParamsSchema, request.params).id,
      request.body as MessagePreviewBody,
    ),
  );
}
