import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import { Redis } from 'ioredis';

export interface RateLimitSetup {
  options: RateLimitPluginOptions;
  close(): Promise<void>;
}

/**
 * Route rate limits (the login limit) counted per client across every node when Redis is configured: the
 * counters live in Redis under the installation's prefix. Without Redis (one node) they are kept in memory.
 * A Redis failure fails the limited request rather than letting it through unlimited.
 */
export function rateLimitSetup(redis?: { url: string; prefix: string }): RateLimitSetup {
  if (!redis) return { options: { global: false }, close: async () => {} };
  // Its own connection: the bus's are in subscriber mode. Short timeouts, as @fastify/rate-limit advises.
  const connection = new Redis(redis.url, { connectTimeout: 500, maxRetriesPerRequest: 1 });
  return {
    options: { global: false, redis: connection, nameSpace: `${redis.prefix}rate-limit:` },
    close: async () => {
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
