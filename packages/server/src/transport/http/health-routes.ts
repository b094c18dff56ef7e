import type { FastifyInstance } from 'fastify';
import type { Services } from '../../domain/services.ts';

export function healthRoutes(app: FastifyInstance, s: Services, isShuttingDown: () => boolean): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (isShuttingDown()) return reply.status(503).send({ status: 'shutting-down' });
    try {
      await s.store.countUsers();
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'store-unreachable' });
    }
  });
}
