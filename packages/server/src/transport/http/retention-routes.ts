import { retentionSettingsSchema } from '@beckon/protocol';
import type { FastifyInstance } from 'fastify';
import { defaultRetention } from '../../domain/privacy/retention-policy.ts';
import type { Services } from '../../domain/services.ts';
import { parseOrFail } from '../../domain/validation.ts';
import { currentUser, type Gate, sessionOnly } from './auth.ts';

/** Settings → Privacy: how long each kind of personal data is kept. Admins only. */
export function retentionRoutes(app: FastifyInstance, s: Pick<Services, 'retention'>, gate: Gate): void {
  const admin = sessionOnly(gate, 'admin');
  app.get('/v1/settings/retention', admin, async () => ({
    retention: await s.retention.settings(),
    defaults: defaultRetention,
  }));
  app.put('/v1/settings/retention', admin, async (request) => {
    const next = parseOrFail(retentionSettingsSchema, request.body);
    return { retention: await s.retention.update(currentUser(request).id, next), defaults: defaultRetention };
  });
}
