import type { FastifyInstance } from 'fastify';
import type { Services } from '../../domain/services.ts';
import { allow, type Gate } from './auth.ts';

/** The supervisor view's data (agents may not read it) and the team directory every role needs for transfers. */
export function supervisorRoutes(app: FastifyInstance, s: Services, gate: Gate): void {
  const supervisor = allow(gate, 'analytics:read', 'supervisor', 'admin');
  const anyone = allow(gate, 'analytics:read');
  app.get('/v1/supervisor/overview', supervisor, async () => s.supervisor.overview());
  app.get('/v1/team', anyone, async () => ({ members: await s.supervisor.team() }));
}
