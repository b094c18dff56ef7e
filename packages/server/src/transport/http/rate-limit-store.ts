import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import {
  type AttemptResult,
  type BackoffPolicy,
  type LoginThrottleStore,
  MemoryLoginThrottleStore,
} from './login-throttle.ts';

export interface RateLimitSetup {
  options: RateLimitPluginOptions;
  /** Per-account sign-in back-off, shared like the route limits. */
  loginThrottle: LoginThrottleStore;
  close(): Promise<void>;
}

/**
 * Route rate limits (the login limit) and the per-account sign-in back-off, counted across every node when Redis
 * is configured: the counters live in Redis under the installation's prefix. Without Redis (one node) they are
 * kept in memory. A Redis failure fails the limited request rather than letting it through unlimited.
 */
export function rateLimitSetup(redis?: { url: string; prefix: string }): RateLimitSetup {
  if (!redis) {
    return {
      options: { global: false },
      loginThrottle: new MemoryLoginThrottleStore(),
      close: async () => {},
    };
  }
  // Its own connection: the bus's are in subscriber mode. Short timeouts, as @fastify/rate-limit advises.
  const connection = new Redis(redis.url, { connectTimeout: 500, maxRetriesPerRequest: 1 });
  return {
    options: { global: false, redis: connection, nameSpace: `${redis.prefix}rate-limit:` },
    loginThrottle: new RedisLoginThrottleStore(connection, `${redis.prefix}login-throttle:`),
    close: async () => {
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}

/**
 * One atomic step per attempt: refused while locked (answering the ms left), otherwise counted and the next lock
 * set. Times are the node's clock, passed in, so every node (and a test's fake clock) agrees with the caller.
 */
const attemptScript = `
local now = tonumber(ARGV[1])
local untilAt = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if now < untilAt then return untilAt - now end
local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
local free = tonumber(ARGV[2])
if attempts > free then
  local delay = math.min(tonumber(ARGV[3]) * 2 ^ (attempts - free - 1), tonumber(ARGV[4]))
  redis.call('HSET', KEYS[1], 'until', now + delay)
end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 0
`;

class RedisLoginThrottleStore implements LoginThrottleStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async attempt(key: string, now: number, policy: BackoffPolicy): Promise<AttemptResult> {
    const wait = Number(
      await this.redis.eval(
        attemptScript,
        1,
        this.prefix + key,
        now,
        policy.freeAttempts,
        policy.baseDelayMs,
        policy.maxDelayMs,
        Math.max(policy.forgetAfterMs, policy.maxDelayMs),
      ),
    );
    return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true };
  }

  async succeeded(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}
