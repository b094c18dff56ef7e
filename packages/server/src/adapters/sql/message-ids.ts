import { randomFillSync } from 'node:crypto';

/** Random bytes drawn from the system in blocks: one system call per 409 ids, not one per id. */
const pool = Buffer.alloc(4096);
let used = pool.length;
const randomBytesPerId = 10;

/**
 * A new message id: `msg_`, the time in milliseconds (12 hex digits), then 80 random bits (20 hex digits).
 * Messages are written in time order, so ids that begin with the time land at the right-hand end of the primary
 * key's B-tree (a few hot pages) instead of on a random page each (a page read and rewritten per message once
 * the index outgrows the cache). Same length and alphabet as the random ids before it; ids stay unguessable.
 */
export function newMessageId(now = Date.now()): string {
  if (used + randomBytesPerId > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const random = pool.toString('hex', used, used + randomBytesPerId);
  used += randomBytesPerId;
  return `msg_${now.toString(16).padStart(12, '0')}${random}`;
}
