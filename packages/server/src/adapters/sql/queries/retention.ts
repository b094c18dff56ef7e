import type { RetentionKind, RetentionSettings, RetentionStore } from '../../../ports/store.ts';
import type { Db } from '../schema.ts';

/** Retention settings and the age-based purges, each a bounded select of ids then a delete by id. */
export class SqlRetention implements RetentionStore {
  constructor(private readonly db: Db) {}

  async getRetentionSettings(): Promise<Partial<RetentionSettings>> {
    const rows = await this.db.selectFrom('retention_settings').selectAll().execute();
    return Object.fromEntries(rows.map((row) => [row.kind, row.days]));
  }

  async setRetentionSetting(kind: RetentionKind, days: number | null, at: number): Promise<void> {
    await this.db
      .insertInto('retention_settings')
      .values({ kind, days, updated_at: at })
      .onConflict((oc) => oc.column('kind').doUpdateSet({ days, updated_at: at }))
      .execute();
  }

  async purgePageViews(before: number, limit: number): Promise<number> {
    const ids = await this.db
      .selectFrom('page_views')
      .select('id')
      .where('at', '<', before)
      .orderBy('at')
      .limit(limit)
      .execute();
    return this.deleteByIds('page_views', ids);
  }

  async purgeVisitEvents(before: number, limit: number): Promise<number> {
    const ids = await this.db
      .selectFrom('visit_events')
      .select('id')
      .where('at', '<', before)
      .orderBy('at')
      .limit(limit)
      .execute();
    return this.deleteByIds('visit_events', ids);
  }

  async purgeMessages(before: number, limit: number): Promise<number> {
    const ids = await this.db
      .selectFrom('messages')
      .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
      .select('messages.id as id')
      .where('conversations.status', '=', 'ended')
      .where('conversations.ended_at', '<', before)
      .limit(limit)
      .execute();
    return this.deleteByIds('messages', ids);
  }

  private async deleteByIds(
    table: 'page_views' | 'visit_events' | 'messages',
    rows: { id: string }[],
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await this.db
      .deleteFrom(table)
      .where(
        'id',
        'in',
        rows.map((row) => row.id),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
