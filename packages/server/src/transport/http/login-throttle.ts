import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/**
 * Per-account sign-in back-off, on top of the per-address limit: consecutive failed sign-ins for one email slow
 * that email's further attempts exponentially, whichever addresses they come from. It is keyed by the email as
 * typed (hashed), never by whether an account has it, so an unknown email is throttled exactly like a known one
 * and the answer tells nothing about which accounts exist.
 */
export interface BackoffPolicy {
  /**
   * Failed attempts in a row that cost nothing; from the next failure on, each makes the following attempt wait.
   */
  freeAttempts: number;
  /** The wait after the first failure past the free ones; it doubles with each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A failure streak left alone this long is forgotten. */
  forgetAfterMs: number;
}

export const loginBackoff: BackoffPolicy = {
  // The per-address budget (10 a minute): one address alone meets that limit first.
  freeAttempts: 10,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

export type AttemptResult = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Where the streaks are kept: in memory on one node, in Redis across nodes (rate-limit-store.ts). An attempt is
 * counted as a failure when it starts (so parallel attempts cannot slip past the lock) and `succeeded` clears it.
 */
export interface LoginThrottleStore {
  attempt(key: string, now: number, policy: BackoffPolicy): Promise<AttemptResult>;
  succeeded(key: string): Promise<void>;
}

/** The lock the n-th attempt in a row sets after it: none while free, then base × 2^k up to the maximum. */
export function lockAfter(attempts: number, policy: BackoffPolicy): number {
  if (attempts <= policy.freeAttempts) return 0;
  return Math.min(policy.baseDelayMs * 2 ** (attempts - policy.freeAttempts - 1), policy.maxDelayMs);
}

export function throttleKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
}

/** One node's streaks. Bounded: past `maxEntries` the oldest streak is forgotten first. */
export class MemoryLoginThrottleStore implements LoginThrottleStore {
  private readonly streaks: LRUCache<string, { attempts: number; until: number; at: number }>;

  constructor(maxEntries = 100_000) {
    this.streaks = new LRUCache({ max: maxEntries });
  }

  async attempt(key: string, now: number, policy: BackoffPolicy): Promise<AttemptResult> {
    let streak = this.streaks.get(key);
    if (streak && now - streak.at > policy.forgetAfterMs) streak = undefined;
    if (streak && now < streak.until) return { allowed: false, retryAfterMs: streak.until - now };
    const attempts = (streak?.attempts ?? 0) + 1;
    this.streaks.set(key, { attempts, until: now + lockAfter(attempts, policy), at: now });
    return { allowed: true };
  }

  async succeeded(key: string): Promise<void> {
    this.streaks.delete(key);
  }
}
