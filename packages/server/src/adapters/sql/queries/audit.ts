import type { AuditEntry, AuditQuery, AuditStore } from '../../../ports/store.ts';
import { toNumber } from '../mappers.ts';
import type { Db } from '../schema.ts';

/** The audit trail: inserts, a filtered newest-first list, and the retention purge in bounded batches. */
export class SqlAudit implements AuditStore {
  constructor(private readonly db: Db) {}

  async appendAuditEntry(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_entries')
      .values({
        id: entry.id,
        at: entry.at,
        actor_id: entry.actorId,
        action: entry.action,
        target_type: entry.targetType,
        target_id: entry.targetId,
        details: JSON.stringify(entry.details ?? {}),
      })
      .execute();
  }

  async listAuditEntries(query: AuditQuery): Promise<AuditEntry[]> {
    let select = this.db.selectFrom('audit_entries').selectAll();
    if (query.action !== undefined) select = select.where('action', '=', query.action);
    if (query.actorId !== undefined) select = select.where('actor_id', '=', query.actorId);
    if (query.before !== undefined) select = select.where('at', '<', query.before);
    const rows = await select.orderBy('at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map((row) => ({
      id: row.id,
      at: toNumber(row.at),
      actorId: row.actor_id,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      details: JSON.parse(row.details) as Record<string, unknown>,
    }));
  }

  async purgeAuditEntries(before: number, limit: number): Promise<number> {
    // Ids first, then a delete by id: both engines support it, and a row another node deleted meanwhile is
    // simply not counted twice.
    const batch = await this.db
      .selectFrom('audit_entries')
      .select('id')
      .where('at', '<', before)
      .orderBy('at')
      .limit(limit)
      .execute();
    if (batch.length === 0) return 0;
    const result = await this.db
      .deleteFrom('audit_entries')
      .where(
        'id',
        'in',
        batch.map((row) => row.id),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
