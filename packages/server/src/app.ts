// Over 300 lines: the composition root, where every adapter, service, route and gateway is wired in start-up order.

import { randomBytes } from 'node:crypto';
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
import { PrometheusMetrics } from './adapters/prometheus/prometheus-metrics.ts';
import { createRedisBus } from './adapters/redis-bus/redis-bus.ts';
import { SmtpMailer } from './adapters/smtp-mail/smtp-mailer.ts';
import { createSqliteStore } from './adapters/sqlite/sqlite-store.ts';
import { HttpWebhookSender } from './adapters/webhook-http/http-webhook-sender.ts';
import { createUseCases } from './application/use-cases.ts';
import { openConfiguredBlobStore } from './composition/configured-blob-store.ts';
import { openConfiguredVirusScanner } from './composition/configured-virus-scanner.ts';
import { instrumentBus, instrumentStore, instrumentTask, queueGauges } from './composition/instrumented.ts';
import { openRateLimitRedis } from './composition/rate-limit-redis.ts';
import type { Config } from './config.ts';
import { makeDataDir } from './data-dir.ts';
import { SingleSignOnSettingsService } from './domain/accounts/single-sign-on-settings.ts';
import { NodeLiveness } from './domain/nodes/node-liveness.ts';
import { createServices, type Services } from './domain/services.ts';
import type { BlobStore } from './ports/blob-store.ts';
import type { Bus } from './ports/bus.ts';
import type { Clock } from './ports/clock.ts';
import type { Mailer } from './ports/mail.ts';
import type { Store } from './ports/store.ts';
import type { VirusScanner } from './ports/virus-scanner.ts';
import { Periodic } from './scheduler/periodic.ts';
import { type SeedResult, seedDemo } from './seed.ts';
import { trustFunction } from './transport/client-address.ts';
import { ConsoleOrigins } from './transport/console-origins.ts';
import { accountRoutes } from './transport/http/account-routes.ts';
import { apiDescriptionRoutes } from './transport/http/api-description-routes.ts';
import { apiTokenLimit } from './transport/http/api-token-limit.ts';
import { apiTokenRoutes } from './transport/http/api-token-routes.ts';
import { auditRoutes } from './transport/http/audit-routes.ts';
import type { Gate } from './transport/http/auth.ts';
import { authRoutes } from './transport/http/auth-routes.ts';
import { customerRoutes } from './transport/http/customer-routes.ts';
import { earlyErrorOptions, installErrorHandler } from './transport/http/errors.ts';
import { explainRoutes } from './transport/http/explain-routes.ts';
import { fileRoutes } from './transport/http/file-routes.ts';
import { healthRoutes } from './transport/http/health-routes.ts';
import { messagePreviewRoutes } from './transport/http/message-preview-routes.ts';
import { MetricsServer } from './transport/http/metrics-server.ts';
import { oidcRoutes } from './transport/http/oidc-routes.ts';
import { OpenIdProvider } from './transport/http/openid-provider.ts';
import { originCheck } from './transport/http/origin-check.ts';
import { personalDataRoutes } from './transport/http/personal-data-routes.ts';
import { queueRoutes } from './transport/http/queue-routes.ts';
import { quickReplyRoutes } from './transport/http/quick-reply-routes.ts';
import { rateLimitSetup } from './transport/http/rate-limit-store.ts';
import { DebugRequestLog, requestLogSerializers } from './transport/http/request-log.ts';
import { retentionRoutes } from './transport/http/retention-routes.ts';
import { ruleLifecycleRoutes } from './transport/http/rule-lifecycle-routes.ts';
import { securityHeaders } from './transport/http/security-headers.ts';
import { staticRoutes } from './transport/http/static-routes.ts';
import { supervisorRoutes } from './transport/http/supervisor-routes.ts';
import { surveyRoutes } from './transport/http/survey-routes.ts';
import { userRoutes } from './transport/http/user-routes.ts';
import { visitorRoutes } from './transport/http/visitor-routes.ts';
import { webhookRoutes } from './transport/http/webhook-routes.ts';
import { widgetRoutes } from './transport/http/widget-routes.ts';
import { AgentGateway } from './transport/realtime/agent-gateway.ts';
import { DrainingGateway } from './transport/realtime/draining-gateway.ts';
import { InFlight } from './transport/realtime/in-flight.ts';
import { UpgradeAdmission } from './transport/realtime/upgrade-admission.ts';
import { VisitorGateway } from './transport/realtime/visitor-gateway.ts';

export interface BeckonOptions {
  config: Config;
  /** Defaults to the system clock; tests pass test-kit's FakeClock. */
  clock?: Clock;
  logger?: Logger;
  store?: Store;
  bus?: Bus;
  /** Defaults to SMTP when BECKON_SMTP_URL is set, else none. */
  mailer?: Mailer;
  /** Defaults to PostgreSQL when DATABASE_URL is set (nodes share files), else `files/` in the data directory. */
  blobs?: BlobStore;
  /** Defaults to clamd when BECKON_CLAMAV is set, else no scan. */
  virusScanner?: VirusScanner;
}

export interface BeckonNode {
  app: FastifyInstance;
  services: Services;
  store: Store;
  logger: Logger;
  /**
   * Listens, then seeds the demo on an empty database (the seed allows the node's own origin). `metricsUrl`:
   * where `/metrics` is served, when BECKON_METRICS_PORT is set.
   */
  listen(): Promise<{ port: number; url: string; seed: SeedResult; metricsUrl?: string }>;
  /**
   * Graceful: readiness turns false and new sockets are refused (1013), the drain passes (on the clock), open
   * sockets are told to reconnect elsewhere (1012), frames in progress finish their writes, then all closes.
   */
  close(options?: CloseOptions): Promise<void>;
  /**
   * Runs the periodic sweep now (heartbeat, overdue deadlines of any node, dead nodes' agents), or waits for the
   * one in progress. The clock runs it every BECKON_SWEEP_INTERVAL_MS; tests call it to know a sweep finished.
   */
  sweep(): Promise<void>;
}

export interface CloseOptions {
  /**
   * How long to keep answering not-ready before closing sockets, on the node's clock. `main.ts` passes
   * BECKON_DRAIN_MS on SIGTERM; tests and embedders closing a node directly default to no drain.
   */
  drainMs?: number;
  /**
   * How long HTTP responses still being sent may finish once the sockets are closed, in real time: a client that
   * stops reading a download would otherwise hold the node open for ever. Then their connections are cut.
   */
  responseGraceMs?: number;
}

/** The composition root: the only place that knows which adapters run. */
export async function createBeckon(options: BeckonOptions): Promise<BeckonNode> {
  const { config } = options;
  const logger = options.logger ?? pino({ level: config.logLevel });
  const clock = options.clock ?? new SystemClock();
  if (!options.store && !config.databaseUrl) makeDataDir(config.dataDir);
  // Configuration alone picks the adapters: PostgreSQL and Redis when their URLs are set (several nodes),
  // otherwise the embedded SQLite file and the in-process bus (one node).
  // Counting only when someone scrapes: without a metrics port the store and bus are used as they are.
  const metrics = config.metrics ? new PrometheusMetrics() : undefined;
  const plainStore =
    options.store ??
    (config.databaseUrl
      ? await createPostgresStore({
          url: config.databaseUrl,
          onError: (error) => logger.warn({ err: error }, 'idle PostgreSQL connection failed'),
        })
      : await createSqliteStore({
          file: path.join(config.dataDir, 'beckon.sqlite'),
          synchronous: config.sqliteSynchronous,
          onBackgroundError: (error) =>
            logger.warn({ err: error }, 'background flush of the SQLite log failed'),
        }));
  await plainStore.migrate();
  const store = metrics ? instrumentStore(plainStore, metrics) : plainStore;
  const onHandlerError = (error: unknown, topic: string) =>
    logger.error({ err: error, topic }, 'bus handler failed');
  const plainBus =
    options.bus ??
    (config.redisUrl
      ? await createRedisBus({
          url: config.redisUrl,
          prefix: config.redisPrefix,
          onHandlerError,
          onConnectionError: (error) => logger.warn({ err: error }, 'Redis connection error'),
        })
      : new MemoryBus({ onHandlerError }));
  const bus = metrics ? instrumentBus(plainBus, metrics) : plainBus;
  const mailer =
    options.mailer ?? (config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : undefined);
  const blobs =
    options.blobs ??
    openConfiguredBlobStore(
      config,
      () => clock.now(),
      (error) => logger.warn({ err: error }, 'idle PostgreSQL connection failed'),
    );
  const services = createServices(
    {
      store,
      bus,
      blobs,
      virusScanner: options.virusScanner ?? openConfiguredVirusScanner(config),
      clock,
      ids: new RandomIds(),
      geo: await MmdbGeo.open(),
      mailer,
      metrics,
      webhookSender: new HttpWebhookSender(config.webhooks),
      onDeadlineError: (key, error) => logger.error({ err: error, deadline: key }, 'deadline failed'),
    },
    {
      missedOffersBeforeInactive: config.missedOffersBeforeInactive,
      webhookAttemptTimeoutMs: config.webhooks.timeoutMs,
      files: config.files,
      fileLinks: {
        lifetimeMs: config.fileLinks.lifetimeMs,
        // One key for every node and every restart: the configured one, else one made once and kept in the store.
        secret:
          config.fileLinks.secret ??
          (await store.installationSecret('file-links', randomBytes(32).toString('base64url'))),
        ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
      },
      acceptanceModel: { minOutcomes: config.smartMinOutcomes },
      singleNode: !options.bus && !config.redisUrl,
    },
  );
  metrics?.readQueuesWith(queueGauges(store, () => clock.now()));
  const useCases = createUseCases(
    services,
    (error, message) => logger.error({ err: error }, message),
    services.audit,
  );
  let shuttingDown = false;
  /** Set once `listen` has seeded the demo and registered the node: ready for traffic from then on. */
  let started = false;
  let closing: Promise<void> | undefined;
  const liveness = new NodeLiveness(
    store,
    clock,
    services.invitations,
    services.routing,
    { nodeId: services.visitorAbsence.nodeId, ttlMs: config.nodeTtlMs },
    services.visitorAbsence,
  );
  // Two cadences: a long takeover (many overdue deadlines) must never delay the beat that keeps this node alive.
  const sweeper = new Periodic(
    clock,
    config.sweepIntervalMs,
    instrumentTask(() => liveness.takeOver(), 'takeover', metrics),
    (error) => logger.error({ err: error }, 'deadline and node sweep failed'),
  );
  const heartbeat = new Periodic(
    clock,
    config.sweepIntervalMs,
    instrumentTask(() => liveness.beat(), 'heartbeat', metrics),
    (error) => logger.warn({ err: error }, 'node heartbeat failed'),
  );
  // Retention: hourly is plenty for periods counted in days, and each run is bounded (retention-policy.ts).
  const retention = new Periodic(
    clock,
    retentionIntervalMs,
    instrumentTask(
      async () => {
        await services.retention.purge();
      },
      'retention',
      metrics,
    ),
    (error) => logger.error({ err: error }, 'retention purge failed'),
  );
  // Webhooks due on the clock (retries, events written by nodes that died before sending them).
  const webhookPoll = new Periodic(
    clock,
    config.webhooks.pollMs,
    async () => {
      await services.webhookDispatcher?.run();
    },
    (error) => logger.error({ err: error }, 'webhook dispatch failed'),
  );
  const inFlight = new InFlight();

  const trustProxy = trustFunction(config.trustProxy);
  const app: FastifyInstance = Fastify({
    // A child whose request serializer wins over Fastify's: addresses are truncated before they are logged.
    loggerInstance: logger.child({}, { serializers: requestLogSerializers }) as FastifyBaseLogger,
    logController: new DebugRequestLog(),
    bodyLimit: 1024 * 1024,
    // The same setting decides the visitor's address on WebSocket upgrades (upgrade.ts clientIp).
    trustProxy,
    ...earlyErrorOptions,
  });
  installErrorHandler(app);
  await securityHeaders(app, config);
  const consoleOrigins = ConsoleOrigins.fromConfig(config);
  originCheck(app, consoleOrigins);
  await app.register(fastifyCookie);
  const rateLimit = rateLimitSetup(
    config.redisUrl ? openRateLimitRedis(config.redisUrl, config.redisPrefix) : undefined,
  );
  await app.register(fastifyRateLimit, rateLimit.options);
  // Every /v1 route states its gate with it (auth.ts): the roles, and the API token scope that reaches it if any.
  const gate: Gate = {
    accounts: services.accounts,
    apiTokens: services.apiTokens,
    limitToken: apiTokenLimit(app, config.apiTokenRateLimit),
  };
  // First: its onSend hook records the admin changes of the routes registered after it.
  auditRoutes(app, services, gate);
  healthRoutes(app, services, () => (shuttingDown ? 'shutting-down' : started ? 'serving' : 'starting'));
  const openIdProvider = new OpenIdProvider();
  const singleSignOn = new SingleSignOnSettingsService(
    store,
    clock,
    services.audit,
    config.singleSignOn,
    openIdProvider,
  );
  authRoutes(app, services, config.secureCookies, rateLimit.loginThrottle, gate, async () => {
    return (await singleSignOn.current()).passwordLogin;
  });
  oidcRoutes(app, services, config, gate, singleSignOn, openIdProvider);
  widgetRoutes(app, services, gate);
  customerRoutes(app, gate, useCases.customers);
  userRoutes(app, gate, useCases.users);
  accountRoutes(app, gate, useCases.account);
  apiTokenRoutes(app, services.apiTokens, gate);
  explainRoutes(app, services, gate);
  messagePreviewRoutes(app, services, gate);
  surveyRoutes(app, services, gate);
  queueRoutes(app, services, gate);
  supervisorRoutes(app, services, gate);
  quickReplyRoutes(app, gate, useCases.quickReplies);
  personalDataRoutes(app, gate, useCases.personalData);
  retentionRoutes(app, services, gate);
  ruleLifecycleRoutes(app, services, gate);
  visitorRoutes(app, services, gate);
  webhookRoutes(app, services, gate);
  await fileRoutes(app, services, gate);
  apiDescriptionRoutes(app);
  await staticRoutes(app);

  await useCases.visitorConnections.start();
  await useCases.agentSessions.start();
  const visitors = new VisitorGateway({ store, clock, connections: useCases.visitorConnections }, logger, {
    inFlight,
    trustProxy,
    helloTimeoutMs: config.helloTimeoutMs,
    metrics,
  });
  const agents = new AgentGateway(services, logger, {
    inFlight,
    liveness,
    sessions: useCases.agentSessions,
    metrics,
  });
  const draining = new DrainingGateway();
  const metricsServer = metrics && new MetricsServer(metrics);
  const admission = new UpgradeAdmission(
    {
      consoleOrigins,
      maxSocketsPerAddress: {
        visitor: config.maxVisitorSocketsPerAddress,
        agent: config.maxAgentSocketsPerAddress,
      },
    },
    trustProxy,
  );
  app.server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://beckon.invalid');
    const kind =
      url.pathname === '/v1/visitor' ? 'visitor' : url.pathname === '/v1/agent' ? 'agent' : undefined;
    const route = shuttingDown
      ? Promise.resolve(draining.upgrade(request, socket, head))
      : !kind
        ? Promise.resolve(socket.destroy())
        : !admission.admit(kind, request, socket)
          ? Promise.resolve()
          : kind === 'visitor'
            ? visitors.upgrade(request, socket, head, url)
            : agents.upgrade(request, socket, head, url);
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
      // The first sweep registers this node and applies what fell due while no node was watching.
      await heartbeat.runNow();
      await sweeper.runNow();
      heartbeat.start();
      sweeper.start();
      retention.start();
      webhookPoll.start();
      services.mailOutbox.start();
      const metricsPort =
        config.metrics && (await metricsServer?.listen(config.metrics.port, config.metrics.host));
      const metricsUrl = config.metrics && `http://${config.metrics.host}:${metricsPort}/metrics`;
      started = true;
      return { port, url: `http://localhost:${port}`, seed, metricsUrl };
    },
    async sweep() {
      await heartbeat.runNow();
      await sweeper.runNow();
    },
    close({ drainMs = 0, responseGraceMs = 5_000 }: CloseOptions = {}) {
      // A second call (a second signal, a test's cleanup) waits for the shutdown already under way.
      closing ??= shutdown(drainMs, responseGraceMs);
      return closing;
    },
  };

  async function shutdown(drainMs: number, responseGraceMs: number): Promise<void> {
    // Readiness turns false and new sockets are turned away first; the drain gives the load balancer time to
    // notice before the open sockets are told to reconnect elsewhere.
    shuttingDown = true;
    if (drainMs > 0) await sleep(clock, drainMs);
    await Promise.all([
      sweeper.stop(),
      heartbeat.stop(),
      retention.stop(),
      webhookPoll.stop(),
      services.mailOutbox.stop(),
    ]);
    await services.webhookDispatcher?.stop();
    visitors.closeAll(1012, 'server restarting');
    agents.closeAll(1012, 'server restarting');
    // Frames already received finish their writes (a client resending after reconnecting gets the same
    // message back: stores are idempotent by client message id).
    await inFlight.idle();
    // Rule evaluation counts kept in memory for the funnel are written before the store closes.
    await services.proactive.evaluations.flush();
    // So are the outcomes the acceptance model has not learnt from yet.
    await services.proactive.learner.flush();
    services.deadlines.cancelAll();
    await liveness.leave();
    const cut = setTimeout(() => app.server.closeAllConnections(), responseGraceMs);
    await app.close();
    clearTimeout(cut);
    await metricsServer?.close();
    await useCases.visitorConnections.stop();
    await useCases.agentSessions.stop();
    await rateLimit.close();
    await bus.close();
    await blobs.close();
    await store.close();
  }
}

const retentionIntervalMs = 3_600_000;

function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimer(clock.now() + ms, resolve));
}
