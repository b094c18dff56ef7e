/** The audit trail's rows: what admins did, appended and never changed (the retention purge aside). */
import type { AuditEntry, AuditQuery } from '../audit-trail.ts';

export type { AuditEntry, AuditQuery } from '../audit-trail.ts';

export interface AuditStore {
  /** Appends one entry; ids are unique, so a retried append with the same id is refused, never doubled. */
  appendAuditEntry(entry: AuditEntry): Promise<void>;
  /** Newest first (then id descending), filtered by action and actor, `before` pages back. */
  listAuditEntries(query: AuditQuery): Promise<AuditEntry[]>;
  /**
   * The retention purge: deletes at most `limit` entries older than `before` (oldest first) and says how many,
   * so a caller purges in bounded batches. Safe from several nodes at once: a row is deleted once.
   */
  purgeAuditEntries(before: number, limit: number): Promise<number>;
}
