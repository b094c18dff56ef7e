import type { AuditTrail } from '../../ports/audit-trail.ts';
import type { Clock } from '../../ports/clock.ts';
import type {
  AuditStore,
  RetentionKind,
  RetentionSettings,
  RetentionStore,
  WebhookStore,
} from '../../ports/store.ts';
import { utcDay } from '../proactive/evaluation-counter.ts';

const day = 86_400_000;

/** What applies until an admin changes it (docs/privacy.md lists them). */
export const defaultRetention: RetentionSettings = {
  pageViews: 90,
  events: 90,
  messages: 730,
  conversations: null,
  audit: 365,
  webhookDeliveries: 30,
};

/** What an admin sends: every kind, except those added later, which keep their period when left out. */
export type RetentionUpdate = Omit<RetentionSettings, 'webhookDeliveries'> &
  Partial<Pick<RetentionSettings, 'webhookDeliveries'>>;

/** Rows per delete, and batches per run: a purge never holds the database or the event loop for long. */
const batchSize = 500;
const maxBatchesPerKind = 20;
/** Days of funnel counts rolled up per run, at most (one INSERT … SELECT each). */
const maxDaysRolledPerRun = 31;

/**
 * Applies the retention periods: run by the node's periodic retention task, on every node (each row is deleted
 * once whichever node gets there first). What is left over when a run reaches its batch limit goes next run.
 */
export class RetentionPolicy {
  constructor(
    private readonly store: RetentionStore & AuditStore & Pick<WebhookStore, 'purgeWebhookDeliveries'>,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    /** Deletes the files of conversations ended before the instant (and abandoned uploads); answers how many. */
    private readonly purgeFiles: (before: number) => Promise<number> = async () => 0,
  ) {}

  async settings(): Promise<RetentionSettings> {
    return { ...defaultRetention, ...(await this.store.getRetentionSettings()) };
  }

  async update(actorId: string, next: RetentionUpdate): Promise<RetentionSettings> {
    const current = await this.settings();
    // A kind left out of the request keeps its period.
    const changed = (Object.keys(next) as RetentionKind[]).filter(
      (kind) => next[kind] !== undefined && next[kind] !== current[kind],
    );
    for (const kind of changed)
      await this.store.setRetentionSetting(kind, next[kind] ?? null, this.clock.now());
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
  async purge(): Promise<Partial<Record<RetentionKind | 'files', number>>> {
    const settings = await this.settings();
    const now = this.clock.now();
    const purged: Partial<Record<RetentionKind | 'files', number>> = {};
    // Files are part of the messages: they go first (their bytes are outside the database), with the shorter
    // of the messages' and the conversations' periods.
    const fileDays = [settings.messages, settings.conversations].filter((d): d is number => d !== null);
    const files = await this.purgeFiles(fileDays.length > 0 ? now - Math.min(...fileDays) * day : 0);
    if (files > 0) purged.files = files;
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

  private purgeKind(kind: RetentionKind, before: number): Promise<number> {
    if (kind === 'conversations') return this.purgeConversations(before);
    return this.inBatches(() => this.purgeBatch(kind, before));
  }

  /**
   * Conversations go with their messages, surveys and the invitations of their days; before the invitations,
   * the funnel counts of each whole UTC day are rolled up into `funnel_daily`, so the Analytics funnel of a
   * purged day does not change. Days are rolled up oldest first; a conversation whose invitation's day is not
   * rolled up yet (the run's limit) waits for the next run.
   */
  private async purgeConversations(before: number): Promise<number> {
    const lastDayEnd = Math.floor(before / day) * day;
    let through = await this.store.funnelRolledThrough();
    let safe = through;
    for (let n = 0; n <= maxDaysRolledPerRun; n++) {
      const oldest = await this.store.oldestInvitationAt(through, lastDayEnd);
      if (oldest === undefined) {
        safe = Math.max(through, lastDayEnd);
        break;
      }
      if (n === maxDaysRolledPerRun) break;
      const start = Math.floor(oldest / day) * day;
      await this.store.rollUpFunnelDay(utcDay(start), start, start + day, this.clock.now());
      through = start + day;
      safe = through;
    }
    const until = Math.min(safe, lastDayEnd);
    const conversations = await this.inBatches(() => this.store.purgeConversations(until, batchSize));
    await this.inBatches(() => this.store.purgeInvitations(until, batchSize));
    return conversations;
  }

  private async inBatches(batchOf: () => Promise<number>): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < maxBatchesPerKind; batch++) {
      const count = await batchOf();
      total += count;
      if (count < batchSize) break;
      // Let sockets and timers run between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return total;
  }

  private purgeBatch(kind: Exclude<RetentionKind, 'conversations'>, before: number): Promise<number> {
    switch (kind) {
      case 'pageViews':
        return this.store.purgePageViews(before, batchSize);
      case 'events':
        return this.store.purgeVisitEvents(before, batchSize);
      case 'messages':
        return this.store.purgeMessages(before, batchSize);
      case 'audit':
        return this.store.purgeAuditEntries(before, batchSize);
      case 'webhookDeliveries':
        return this.store.purgeWebhookDeliveries(before, batchSize);
    }
  }
}
