import { mkdirSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { type Logger, pino } from 'pino';
import { SystemClock } from './adapters/clock/system-clock.ts';
import { MmdbGeo } from './adapters/geo-mmdb/mmdb-geo.ts';
import { RandomIds } from './adapters/ids/random-ids.ts';
import { MemoryBus } from './adapters/memory-bus/memory-bus.ts';
import { createPostgresStore } from './adapters/postgres/postgres-store.ts';
import { createRedisBus } from './adapters/redis-bus/redis-bus.ts';
import { createSqliteStore } from './adapters/sqlite/sqlite-store.ts';
import type { Config } from './config.ts';
import { createServices, type Services } from './domain/services.ts';
import type { Bus } from './ports/bus.ts';
import type { Clock } from './ports/clock.ts';
import type { Store } from './ports/store.ts';
import { type SeedResult, seedDemo } from './seed.ts';
import { authRoutes } from './transport/http/auth-routes.ts';
import { customerRoutes } from './transport/http/customer-routes.ts';
import { installErrorHandler } from './transport/http/errors.ts';
import { explainRoutes } from './transport/http/explain-routes.ts';
import { healthRoutes } from './transport/http/health-routes.ts';
import { staticRoutes } from './transport/http/static-routes.ts';
import { userRoutes } from './transport/http/user-routes.ts';
import { widgetRoutes } from './transport/http/widget-routes.ts';
import { AgentGateway } from './transport/realtime/agent-gateway.ts';
import { VisitorGateway } from './transport/realtime/visitor-gateway.ts';

export interface BeckonOptions {
  config: Config;
  /** Defaults to the system clock; tests pass test-kit's FakeClock. */
  clock?: Clock;
  logger?: Logger;
  store?: Store;
  bus?: Bus;
}

export interface BeckonNode {
  app: FastifyInstance;
  services: Services;
  store: Store;
  logger: Logger;
  /** Listens, then seeds the demo on an empty database (the seed allows the node's own origin). */
  listen(): Promise<{ port: number; url: string; seed: SeedResult }>;
  /** Graceful: readiness turns false, sockets are told to reconnect elsewhere, then everything closes. */
  close(): Promise<void>;
}

/** The composition root: the only place that knows which adapters run. */
export async function createBeckon(options: BeckonOptions): Promise<BeckonNode> {
  const { config } = options;
  const logger = options.logger ?? pino({ level: config.logLevel });
  const clock = options.clock ?? new SystemClock();
  if (!options.store && !config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  // Configuration alone picks the adapters: PostgreSQL and Redis when their URLs are set (several nodes),
  // otherwise the embedded SQLite file and the in-process bus (one node).
  const store =
    options.store ??
    (config.databaseUrl
      ? await createPostgresStore({
          url: config.databaseUrl,
          onError: (error) => logger.warn({ err: error }, 'idle PostgreSQL connection failed'),
        })
      : await createSqliteStore({ file: path.join(config.dataDir, 'beckon.sqlite') }));
  await store.migrate();
  const onHandlerError = (error: unknown, topic: string) =>
    logger.error({ err: error, topic }, 'bus handler failed');
  const bus =
    options.bus ??
    (config.redisUrl
      ? await createRedisBus({
          url: config.redisUrl,
          prefix: config.redisPrefix,
          onHandlerError,
          onConnectionError: (error) => logger.warn({ err: error }, 'Redis connection error'),
        })
      : new MemoryBus({ onHandlerError }));
  const services = createServices({
    store,
    bus,
    clock,
    ids: new RandomIds(),
    geo: await MmdbGeo.open(),
    onDeadlineError: (key, error) => logger.error({ err: error, deadline: key }, 'deadline failed'),
  });
  let shuttingDown = false;

  const app: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  });
  installErrorHandler(app);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  healthRoutes(app, services, () => shuttingDown);
  authRoutes(app, services, config.secureCookies);
  widgetRoutes(app, services);
  customerRoutes(app, services);
  userRoutes(app, services);
  explainRoutes(app, services);
  await staticRoutes(app);

  const visitors = new VisitorGateway(services, logger);
  const agents = new AgentGateway(services, logger);
  app.server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://beckon.invalid');
    const route =
      url.pathname === '/v1/visitor'
        ? visitors.upgrade(request, socket, head, url)
        : url.pathname === '/v1/agent'
          ? agents.upgrade(request, socket, head)
          : Promise.resolve(socket.destroy());
    route.catch((error: unknown) => {
      logger.error({ err: error }, 'upgrade failed');
      socket.destroy();
    });
  });

  return {
    app,
    services,
    store,
    logger,
    async listen() {
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const origins = [`http://localhost:${port}`];
      if (config.publicUrl) origins.push(new URL(config.publicUrl).origin);
      const seed = config.seedDemo
        ? await seedDemo(services, { password: config.demoPassword, origins, logger })
        : { seeded: false };
      await services.proactive.recover();
      await services.routing.recover();
      return { port, url: `http://localhost:${port}`, seed };
    },
    async close() {
      shuttingDown = true;
      visitors.closeAll(1012, 'server restarting');
      agents.closeAll(1012, 'server restarting');
      services.deadlines.cancelAll();
      await app.close();
      await bus.close();
      await store.close();
    },
  };
}
