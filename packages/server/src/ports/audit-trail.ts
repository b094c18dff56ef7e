/**
 * The append-only record of what admins did (users, widgets, rules, settings, exports, erasures). Use cases
 * call `record` after the change they describe has been made; nothing updates or deletes an entry except the
 * retention purge.
 */
export interface AuditEntryInput {
  /** The user who acted; null for the system (the retention purge, a CLI command). */
  actorId: string | null;
  /** Dotted verb, stable once released: `user.disabled`, `widget.updated`, `customer.erased`, … */
  action: string;
  targetType: string;
  targetId: string | null;
  /** Small, free of personal data beyond ids: what changed, not the values typed. */
  details?: Record<string, unknown>;
}

export interface AuditEntry extends AuditEntryInput {
  id: string;
  at: number;
}

export interface AuditQuery {
  action?: string;
  actorId?: string;
  /** Epoch ms: entries strictly older than this, for paging back. */
  before?: number;
  limit: number;
}

export interface AuditTrail {
  record(entry: AuditEntryInput): Promise<void>;
  list(query: AuditQuery): Promise<AuditEntry[]>;
}
