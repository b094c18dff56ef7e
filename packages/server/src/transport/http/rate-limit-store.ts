import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import { type LoginThrottleStore, MemoryLoginThrottleStore } from './login-throttle.ts';

export interface RateLimitSetup {
  options: RateLimitPluginOptions;
  /** Per-account sign-in back-off, shared like the route limits. */
  loginThrottle: LoginThrottleStore;
  close(): Promise<void>;
}

/** A Redis connection for the counters, handed in by the composition root (which owns the driver). */
export interface RateLimitRedis {
  connection: NonNullable<RateLimitPluginOptions['redis']>;
  prefix: string;
  /** The per-account sign-in back-off, kept in the same Redis. */
  loginThrottle: LoginThrottleStore;
  close(): Promise<void>;
}

/**
 * Route rate limits (the login limit) and the per-account sign-in back-off, counted across every node when Redis
 * is configured: the counters live in Redis under the installation's prefix. Without Redis (one node) they are
 * kept in memory. A Redis failure fails the limited request rather than letting it through unlimited.
 */
export function rateLimitSetup(redis?: RateLimitRedis): RateLimitSetup {
  if (!redis)
    return {
      options: { global: false },
      loginThrottle: new MemoryLoginThrottleStore(),
      close: async () => {},
    };
  return {
    options: { global: false, redis: redis.connection, nameSpace: `${redis.prefix}rate-limit:` },
    loginThrottle: redis.loginThrottle,
    close: () => redis.close(),
  };
}
