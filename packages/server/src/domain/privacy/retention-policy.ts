import type { AuditTrail } from '../../ports/audit-trail.ts';
import type { Clock } from '../../ports/clock.ts';
import type { AuditStore, RetentionKind, RetentionSettings, RetentionStore } from '../../ports/store.ts';

const day = 86_400_000;

/** What applies until an admin changes it (docs/privacy.md lists them). */
export const defaultRetention: RetentionSettings = {
  pageViews: 90,
  events: 90,
  messages: 730,
  audit: 365,
};

/** Rows per delete, and batches per run: a purge never holds the database or the event loop for long. */
const batchSize = 500;
const maxBatchesPerKind = 20;

/**
 * Applies the retention periods: run by the node's periodic retention task, on every node (each row is deleted
 * once whichever node gets there first). What is left over when a run reaches its batch limit goes next run.
 */
export class RetentionPolicy {
  constructor(
    private readonly store: RetentionStore & AuditStore,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  async settings(): Promise<RetentionSettings> {
    return { ...defaultRetention, ...(await this.store.getRetentionSettings()) };
  }

  async update(actorId: string, next: RetentionSettings): Promise<RetentionSettings> {
    const current = await this.settings();
    const changed = (Object.keys(next) as RetentionKind[]).filter((kind) => next[kind] !== current[kind]);
    for (const kind of changed) await this.store.setRetentionSetting(kind, next[kind], this.clock.now());
    if (changed.length > 0) {
      await this.audit.record({
        actorId,
        action: 'retention.updated',
        targetType: 'settings',
        targetId: null,
        details: Object.fromEntries(changed.map((kind) => [kind, { from: current[kind], to: next[kind] }])),
      });
    }
    return this.settings();
  }

  /** One run: every kind with a period, oldest rows first, in bounded batches. Answers what went per kind. */
  async purge(): Promise<Partial<Record<RetentionKind, number>>> {
    const settings = await this.settings();
    const now = this.clock.now();
    const purged: Partial<Record<RetentionKind, number>> = {};
    for (const kind of Object.keys(settings) as RetentionKind[]) {
      const days = settings[kind];
      if (days === null) continue;
      const count = await this.purgeKind(kind, now - days * day);
      if (count > 0) purged[kind] = count;
    }
    if (Object.keys(purged).length > 0) {
      await this.audit.record({
        actorId: null,
        action: 'retention.purged',
        targetType: 'settings',
        targetId: null,
        details: purged,
      });
    }
    return purged;
  }

  private async purgeKind(kind: RetentionKind, before: number): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < maxBatchesPerKind; batch++) {
      const count = await this.purgeBatch(kind, before);
      total += count;
      if (count < batchSize) break;
      // Let sockets and timers run between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return total;
  }

  private purgeBatch(kind: RetentionKind, before: number): Promise<number> {
    switch (kind) {
      case 'pageViews':
        return this.store.purgePageViews(before, batchSize);
      case 'events':
        return this.store.purgeVisitEvents(before, batchSize);
      case 'messages':
        return this.store.purgeMessages(before, batchSize);
      case 'audit':
        return this.store.purgeAuditEntries(before, batchSize);
    }
  }
}
