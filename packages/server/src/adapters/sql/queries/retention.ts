import { sql } from 'kysely';
import type { RetentionKind, RetentionSettings, RetentionStore } from '../../../ports/store.ts';
import { lastSeqNow } from '../last-seq.ts';
import { toNumber } from '../mappers.ts';
import type { Db } from '../schema.ts';

const dayMs = 86_400_000;

/**
 * Retention settings and the age-based purges, each a bounded select of ids then a delete by id; and the roll-up
 * of the funnel's daily counts that comes before invitations are purged.
 */
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
    const rows = await this.db
      .selectFrom('messages')
      .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
      .select(['messages.id as id', 'messages.conversation_id'])
      .where('conversations.status', '=', 'ended')
      .where('conversations.ended_at', '<', before)
      .limit(limit)
      .execute();
    const conversationIds = [...new Set(rows.map((row) => row.conversation_id))];
    // The last seq stays the conversation's once its messages are gone (`lastSeqNow`: SQLite reads it from them).
    if (conversationIds.length > 0)
      await this.db
        .updateTable('conversations')
        .set({ last_seq: sql<number>`${lastSeqNow}` })
        .where('id', 'in', conversationIds)
        .execute();
    return this.deleteByIds('messages', rows);
  }

  async purgeConversations(before: number, limit: number): Promise<number> {
    const rows = await this.db
      .selectFrom('conversations')
      .select('id')
      .where('status', '=', 'ended')
      .where('ended_at', '<', before)
      .orderBy('ended_at')
      .limit(limit)
      .execute();
    if (rows.length === 0) return 0;
    const ids = rows.map((row) => row.id);
    return this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('messages').where('conversation_id', 'in', ids).execute();
      await tx.deleteFrom('receipts').where('conversation_id', 'in', ids).execute();
      await tx.deleteFrom('offers').where('conversation_id', 'in', ids).execute();
      await tx.deleteFrom('wrap_ups').where('conversation_id', 'in', ids).execute();
      await tx.deleteFrom('chat_surveys').where('conversation_id', 'in', ids).execute();
      await tx.deleteFrom('left_messages').where('conversation_id', 'in', ids).execute();
      const result = await tx.deleteFrom('conversations').where('id', 'in', ids).executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }

  async purgeInvitations(before: number, limit: number): Promise<number> {
    const ids = await this.db
      .selectFrom('invitations')
      .select('id')
      .where('created_at', '<', before)
      .orderBy('created_at')
      .limit(limit)
      .execute();
    return this.deleteByIds('invitations', ids);
  }

  async oldestInvitationAt(from: number, before: number): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('invitations')
      .select('created_at')
      .where('created_at', '>=', from)
      .where('created_at', '<', before)
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    return row ? toNumber(row.created_at) : undefined;
  }

  /**
   * One transaction: the day's mark first (a second node's insert waits for this one and then finds it), then
   * one INSERT … SELECT of the counts the funnel computes (funnel.ts), per widget, rule and side. Preview-link
   * and page invitations are left out there, so here too.
   */
  rollUpFunnelDay(day: string, from: number, to: number, at: number): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const marked = await tx
        .insertInto('funnel_rolled_days')
        .values({ day, rolled_at: at })
        .onConflict((oc) => oc.column('day').doNothing())
        .returning('day')
        .executeTakeFirst();
      if (!marked) return false;
      const status = (value: string) => sql<number>`sum(case when i.status = ${value} then 1 else 0 end)`;
      const summed = (condition: ReturnType<typeof sql>) =>
        sql<number>`sum(case when i.status <> 'held' and ${condition} then 1 else 0 end)`;
      const smart = (condition: ReturnType<typeof sql>) => summed(sql`i.smart = 1 and ${condition}`);
      await sql`
        insert into funnel_daily (day, widget_id, rule_id, rule_name, variant, invited, shown, held, accepted,
          dismissed, expired, agent_accepted, ended, csat_count, csat_sum, smart_shown, smart_accepted,
          smart_dismissed, smart_expired, smart_agent_accepted)
        select ${day}, i.widget_id, i.rule_id, max(i.rule_name), coalesce(i.variant, 'default'), count(*),
          sum(case when i.status <> 'held' then 1 else 0 end), ${status('held')}, ${status('accepted')},
          ${status('dismissed')}, ${status('expired')}, ${summed(sql`c.accepted_at is not null`)},
          ${summed(sql`c.ended_at is not null`)}, ${summed(sql`s.rating is not null`)},
          sum(case when i.status <> 'held' and s.rating is not null then s.rating else 0 end),
          ${smart(sql`1 = 1`)}, ${smart(sql`i.status = 'accepted'`)}, ${smart(sql`i.status = 'dismissed'`)},
          ${smart(sql`i.status = 'expired'`)}, ${smart(sql`c.accepted_at is not null`)}
        from invitations i
        left join conversations c on c.invitation_id = i.id
        left join chat_surveys s on s.conversation_id = c.id
        where i.created_at >= ${from} and i.created_at < ${to} and i.source = 'rule' and i.rule_id is not null
          and (i.variant is null or i.variant <> 'preview')
        group by i.widget_id, i.rule_id, coalesce(i.variant, 'default')
      `.execute(tx);
      return true;
    });
  }

  async funnelRolledThrough(): Promise<number> {
    const row = await this.db
      .selectFrom('funnel_rolled_days')
      .select((eb) => eb.fn.max('day').as('day'))
      .executeTakeFirst();
    return row?.day ? Date.parse(`${row.day}T00:00:00Z`) + dayMs : 0;
  }

  private async deleteByIds(
    table: 'page_views' | 'visit_events' | 'messages' | 'invitations',
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
