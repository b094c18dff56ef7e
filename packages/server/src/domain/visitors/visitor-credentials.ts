import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A visitor's id is public (agents, logs, analytics, recorded URLs see it); what proves a browser is that
 * visitor is a secret of 256 random bits, issued once in the welcome and kept server-side only as its SHA-256
 * (a fast hash is enough for a random secret of that length).
 */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares in constant time, so the hash cannot be found byte by byte from response timings. */
export function secretMatches(secret: string | undefined, storedHash: string | undefined): boolean {
  if (!secret || !storedHash) return false;
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
