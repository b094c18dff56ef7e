import { idParamsSchema } from '@beckon/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { PersonalDataRequests } from '../../application/personal-data.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { currentUser, type Gate, sessionOnly } from './auth.ts';

/** Data-subject requests, admin only: export everything about one person, or erase it everywhere. */
export function personalDataRoutes(app: FastifyInstance, gate: Gate, requests: PersonalDataRequests): void {
  const admin = sessionOnly(gate, 'admin');
  // An export is a download: named, and never cached on the way.
  const download = (reply: FastifyReply, type: string, id: string) =>
    reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="beckon-${type}-${id}.json"`);

  for (const type of ['customer', 'visitor'] as const) {
    app.get(`/v1/${type}s/:id/export`, admin, async (request, reply) => {
      const { id } = parseOrFail(idParamsSchema, request.params);
      const data = await requests.export(currentUser(request), { type, id });
      download(reply, type, encodeURIComponent(id));
      return data;
    });
    app.delete(`/v1/${type}s/:id`, admin, async (request) => {
      const { id } = parseOrFail(idParamsSchema, request.params);
      return requests.erase(currentUser(request), { type, id });
    });
  }
}
