import { sql } from 'kysely';
import type {
  AnalyticsStore,
  ConversationRow,
  FunnelDayCount,
  InvitationRow,
  InvitationStatus,
  RuleDayCount,
  TrackedEvent,
} from '../../../ports/store.ts';
import { conversationRow } from '../last-seq.ts';
import { conversationFromRow, invitationFromRow, toNumber } from '../mappers.ts';
import type { Db } from '../schema.ts';

/** Rule evaluation counts per day, the funnel of a widget, and the supervisor's invitation counts. */
export class SqlAnalytics implements AnalyticsStore {
  constructor(private readonly db: Db) {}

  /** One upsert per (rule, day): concurrent flushes from several nodes add up instead of overwriting. */
  async addRuleEvaluations(counts: readonly RuleDayCount[]): Promise<void> {
    for (const count of counts) {
      await this.db
        .insertInto('rule_daily_stats')
        .values({
          rule_id: count.ruleId,
          day: count.day,
          widget_id: count.widgetId,
          evaluated: count.evaluated,
        })
        .onConflict((conflict) =>
          conflict
            .columns(['rule_id', 'day'])
            .doUpdateSet({ evaluated: sql`rule_daily_stats.evaluated + excluded.evaluated` }),
        )
        .execute();
    }
  }

  async listRuleEvaluations(widgetId: string, fromDay: string, toDay: string): Promise<RuleDayCount[]> {
    const rows = await this.db
      .selectFrom('rule_daily_stats')
      .selectAll()
      .where('widget_id', '=', widgetId)
      .where('day', '>=', fromDay)
      .where('day', '<=', toDay)
      .orderBy('day')
      .orderBy('rule_id')
      .execute();
    return rows.map((row) => ({
      ruleId: row.rule_id,
      widgetId: row.widget_id,
      day: row.day,
      evaluated: Number(row.evaluated),
    }));
  }

  /** Funnel analytics: a widget's invitations created in [from, to), oldest first. */
  async listWidgetInvitations(widgetId: string, from: number, to: number): Promise<InvitationRow[]> {
    const rows = await this.db
      .selectFrom('invitations')
      .selectAll()
      .where('widget_id', '=', widgetId)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(invitationFromRow);
  }

  async listWidgetConversations(widgetId: string, from: number, to: number): Promise<ConversationRow[]> {
    const rows = await this.db
      .selectFrom('conversations')
      .select(conversationRow)
      .where('widget_id', '=', widgetId)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(conversationFromRow);
  }

  async listWidgetEvents(
    widgetId: string,
    names: readonly string[],
    from: number,
    to: number,
  ): Promise<TrackedEvent[]> {
    if (names.length === 0) return [];
    const rows = await this.db
      .selectFrom('visit_events')
      .innerJoin('visitors', 'visitors.id', 'visit_events.visitor_id')
      .select(['visit_events.visitor_id', 'visit_events.name', 'visit_events.at'])
      .where('visitors.widget_id', '=', widgetId)
      .where('visit_events.name', 'in', [...names])
      .where('visit_events.at', '>=', from)
      .where('visit_events.at', '<', to)
      .orderBy('visit_events.at')
      .orderBy('visit_events.id')
      .execute();
    return rows.map((row) => ({ visitorId: row.visitor_id, name: row.name, at: toNumber(row.at) }));
  }

  async listFunnelDays(widgetId: string, fromDay: string, toDay: string): Promise<FunnelDayCount[]> {
    const rows = await this.db
      .selectFrom('funnel_daily')
      .selectAll()
      .where('widget_id', '=', widgetId)
      .where('day', '>=', fromDay)
      .where('day', '<=', toDay)
      .orderBy('day')
      .orderBy('rule_id')
      .orderBy('variant')
      .execute();
    return rows.map((row) => ({
      day: row.day,
      widgetId: row.widget_id,
      ruleId: row.rule_id,
      ...(row.rule_name !== null && { ruleName: row.rule_name }),
      variant: row.variant,
      invited: toNumber(row.invited),
      shown: toNumber(row.shown),
      held: toNumber(row.held),
      accepted: toNumber(row.accepted),
      dismissed: toNumber(row.dismissed),
      expired: toNumber(row.expired),
      agentAccepted: toNumber(row.agent_accepted),
      ended: toNumber(row.ended),
      csatCount: toNumber(row.csat_count),
      csatSum: toNumber(row.csat_sum),
      smart: {
        shown: toNumber(row.smart_shown),
        accepted: toNumber(row.smart_accepted),
        dismissed: toNumber(row.smart_dismissed),
        expired: toNumber(row.smart_expired),
        agentAccepted: toNumber(row.smart_agent_accepted),
      },
    }));
  }

  async countInvitationsByStatus(since: number): Promise<Record<InvitationStatus, number>> {
    const rows = await this.db
      .selectFrom('invitations')
      .select(['status', this.db.fn.countAll<number | string | bigint>().as('n')])
      .where('created_at', '>=', since)
      // A preview link is an admin checking a draft, not a visitor: the funnel leaves it out too.
      .where((eb) => eb.or([eb('variant', 'is', null), eb('variant', '!=', 'preview')]))
      .groupBy('status')
      .execute();
    const counts: Record<InvitationStatus, number> = {
      shown: 0,
      accepted: 0,
      dismissed: 0,
      expired: 0,
      held: 0,
      withdrawn: 0,
    };
    for (const row of rows) counts[row.status as InvitationStatus] = toNumber(row.n);
    return counts;
  }
}
