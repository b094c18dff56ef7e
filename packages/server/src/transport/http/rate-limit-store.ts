import type { RateLimitPluginOptions } from '@fastify/rate-limit';

export interface RateLimitSetup {
  options: RateLimitPluginOptions;
  close(): Promise<void>;
}

/** A Redis connection for the counters, handed in by the composition root (which owns the driver). */
export interface RateLimitRedis {
  connection: NonNullable<RateLimitPluginOptions['redis']>;
  prefix: string;
  close(): Promise<void>;
}

/**
 * Route rate limits (the login limit) counted per client across every node when Redis is configured: the
 * counters live in Redis under the installation's prefix. Without Redis (one node) they are kept in memory.
 * A Redis failure fails the limited request rather than letting it through unlimited.
 */
export function rateLimitSetup(redis?: RateLimitRedis): RateLimitSetup {
  if (!redis) return { options: { global: false }, close: async () => {} };
  return {
    options: { global: false, redis: redis.connection, nameSpace: `${redis.prefix}rate-limit:` },
    close: () => redis.close(),
  };
}
