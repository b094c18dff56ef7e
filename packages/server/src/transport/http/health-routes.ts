import type { FastifyInstance } from 'fastify';
import type { Services } from '../../domain/services.ts';

/** Where the node is in its life: answering HTTP before its start-up is done (the demo seed, its registration). */
export type NodePhase = 'starting' | 'serving' | 'shutting-down';

/**
 * `/healthz` is liveness only: the process answers. `/readyz` says whether a load balancer should send traffic
 * here: not while starting (the port is open before the demo's accounts exist) or shutting down, and only when
 * the store and the bus (Redis, when configured) both answer.
 */
export function healthRoutes(app: FastifyInstance, s: Services, phase: () => NodePhase): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const now = phase();
    if (now !== 'serving') return reply.status(503).send({ status: now });
    const [store, bus] = await Promise.allSettled([
      withTimeout(s.store.countUsers(), checkTimeoutMs),
      withTimeout(s.bus.ping(), checkTimeoutMs),
    ]);
    if (store.status === 'rejected') return reply.status(503).send({ status: 'store-unreachable' });
    if (bus.status === 'rejected') return reply.status(503).send({ status: 'bus-unreachable' });
    return { status: 'ready' };
  });
}

/** A dependency that hangs (a dropped connection with no RST) must not hang the probe. */
const checkTimeoutMs = 2000;

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
