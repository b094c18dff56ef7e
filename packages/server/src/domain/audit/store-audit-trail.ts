import type { AuditEntry, AuditEntryInput, AuditQuery, AuditTrail } from '../../ports/audit-trail.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Ids } from '../../ports/ids.ts';
import type { AuditStore } from '../../ports/store.ts';

/** The audit trail kept in the store: each entry stamped with the clock's time and a fresh id. */
export class StoreAuditTrail implements AuditTrail {
  constructor(
    private readonly store: AuditStore,
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {}

  async record(entry: AuditEntryInput): Promise<void> {
    await this.store.appendAuditEntry({
      ...entry,
      details: entry.details ?? {},
      id: this.ids.next('aud'),
      at: this.clock.now(),
    });
  }

  list(query: AuditQuery): Promise<AuditEntry[]> {
    return this.store.listAuditEntries(query);
  }
}
