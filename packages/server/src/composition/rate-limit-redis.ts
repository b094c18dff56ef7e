import { Redis } from 'ioredis';
import type { RateLimitRedis } from '../transport/http/rate-limit-store.ts';

/**
 * The Redis connection route rate limits count in, opened by the composition root when Redis is configured. Its
 * own connection: the bus's are in subscriber mode. Short timeouts, as @fastify/rate-limit advises.
 */
export function openRateLimitRedis(url: string, prefix: string): RateLimitRedis {
  const connection = new Redis(url, { connectTimeout: 500, maxRetriesPerRequest: 1 });
  return {
    connection,
    prefix,
    close: async () => {
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
