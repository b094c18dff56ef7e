import { sql } from 'kysely';
import type {
  ConversationRow,
  InvitationRow,
  PageViewRow,
  RuleDayCount,
  RulePreviewRow,
  RuleVersionRow,
  VisitEventRow,
} from '../../ports/store.ts';
import { conversationFromRow, invitationFromRow, pageViewFromRow, toNumber } from './mappers.ts';
import type { Db } from './schema.ts';

/** Facts for proactive rules that reach back before the current visit: the last chat and the previous visit. */
export async function findLastConversation(db: Db, visitorId: string): Promise<ConversationRow | undefined> {
  const row = await db
    .selectFrom('conversations')
    .selectAll()
    .where('visitor_id', '=', visitorId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row && conversationFromRow(row);
}

export async function lastPageViewBefore(
  db: Db,
  visitorId: string,
  before: number,
): Promise<PageViewRow | undefined> {
  const row = await db
    .selectFrom('page_views')
    .selectAll()
    .where('visitor_id', '=', visitorId)
    .where('at', '<', before)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row && pageViewFromRow(row);
}

export async function addVisitEvent(db: Db, event: VisitEventRow): Promise<void> {
  await db
    .insertInto('visit_events')
    .values({
      id: event.id,
      visitor_id: event.visitorId,
      visit_started_at: event.visitStartedAt,
      name: event.name,
      props: event.props ? JSON.stringify(event.props) : null,
      at: event.at,
    })
    .execute();
}

export async function listVisitEvents(
  db: Db,
  visitorId: string,
  visitStartedAt: number,
  limit: number,
): Promise<VisitEventRow[]> {
  const rows = await db
    .selectFrom('visit_events')
    .selectAll()
    .where('visitor_id', '=', visitorId)
    .where('visit_started_at', '=', visitStartedAt)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse().map((row) => {
    const event: VisitEventRow = {
      id: row.id,
      visitorId: row.visitor_id,
      visitStartedAt: toNumber(row.visit_started_at),
      name: row.name,
      at: toNumber(row.at),
    };
    if (row.props !== null) event.props = JSON.parse(row.props) as VisitEventRow['props'];
    return event;
  });
}

/** Funnel analytics: a widget's invitations created in [from, to), oldest first. */
export async function listWidgetInvitations(
  db: Db,
  widgetId: string,
  from: number,
  to: number,
): Promise<InvitationRow[]> {
  const rows = await db
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

export async function addRuleVersion(db: Db, version: RuleVersionRow): Promise<void> {
  await db
    .insertInto('rule_versions')
    .values({
      rule_id: version.ruleId,
      version: version.version,
      widget_id: version.widgetId,
      action: version.action,
      user_id: version.userId ?? null,
      at: version.at,
      rule: JSON.stringify(version.rule),
    })
    .execute();
}

export async function listRuleVersions(db: Db, ruleId: string): Promise<RuleVersionRow[]> {
  const rows = await db
    .selectFrom('rule_versions')
    .selectAll()
    .where('rule_id', '=', ruleId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((row) => {
    const version: RuleVersionRow = {
      ruleId: row.rule_id,
      version: Number(row.version),
      widgetId: row.widget_id,
      action: row.action as RuleVersionRow['action'],
      at: Number(row.at),
      rule: JSON.parse(row.rule) as RuleVersionRow['rule'],
    };
    if (row.user_id !== null) version.userId = row.user_id;
    return version;
  });
}

export async function listWidgetConversations(
  db: Db,
  widgetId: string,
  from: number,
  to: number,
): Promise<ConversationRow[]> {
  const rows = await db
    .selectFrom('conversations')
    .selectAll()
    .where('widget_id', '=', widgetId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(conversationFromRow);
}

/** One upsert per (rule, day): concurrent flushes from several nodes add up instead of overwriting. */
export async function addRuleEvaluations(db: Db, counts: readonly RuleDayCount[]): Promise<void> {
  for (const count of counts) {
    await db
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

export async function listRuleEvaluations(
  db: Db,
  widgetId: string,
  fromDay: string,
  toDay: string,
): Promise<RuleDayCount[]> {
  const rows = await db
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

export async function createRulePreview(db: Db, preview: RulePreviewRow): Promise<void> {
  await db
    .insertInto('rule_previews')
    .values({
      token_hash: preview.tokenHash,
      rule_id: preview.ruleId,
      widget_id: preview.widgetId,
      user_id: preview.userId,
      expires_at: preview.expiresAt,
    })
    .execute();
}

export async function getRulePreview(db: Db, tokenHash: string): Promise<RulePreviewRow | undefined> {
  const row = await db
    .selectFrom('rule_previews')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return (
    row && {
      tokenHash: row.token_hash,
      ruleId: row.rule_id,
      widgetId: row.widget_id,
      userId: row.user_id,
      expiresAt: Number(row.expires_at),
    }
  );
}
