import { Redis } from 'ioredis';
import type { AttemptResult, BackoffPolicy, LoginThrottleStore } from '../transport/http/login-throttle.ts';
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
    loginThrottle: new RedisLoginThrottleStore(connection, `${prefix}login-throttle:`),
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
