import type { Selectable } from 'kysely';
import type { VisitJourney } from '../../ports/store.ts';
import { pageViewFromRow } from '../sql/mappers.ts';
import { visitEventFromRow } from '../sql/queries/journeys.ts';
import type { PageViewsTable, VisitEventsTable } from '../sql/schema.ts';
import type { Queryable } from './connection.ts';

/**
 * $1 visitor, $2 the visit's start, $3 how many of its latest events (0: none). Both lists as JSON in one row:
 * one round trip where the shared path takes two, on the way to every opened conversation.
 */
const journeySql = `
  select
    (select coalesce(json_agg(v order by v.at, v.id), '[]') from page_views v
      where v.visitor_id = $1 and v.at >= $2) as page_views,
    (select coalesce(json_agg(e order by e.at), '[]') from (
      select * from visit_events where visitor_id = $1 and visit_started_at = $2 order by at desc limit $3
    ) e) as events`;

/** Parsed once per pooled connection under this name. */
const journeyStatementName = 'beckon_visit_journey_1';

interface JourneyRow {
  page_views: Selectable<PageViewsTable>[];
  events: Selectable<VisitEventsTable>[];
}

/** `Store.getVisitJourney` on PostgreSQL in one statement. */
export async function readVisitJourney(
  pool: Queryable,
  visitorId: string,
  visitStartedAt: number,
  eventLimit: number,
): Promise<VisitJourney> {
  const { rows } = await pool.query<JourneyRow>({
    name: journeyStatementName,
    text: journeySql,
    values: [visitorId, visitStartedAt, eventLimit],
  });
  const row = rows[0]!;
  return { pageViews: row.page_views.map(pageViewFromRow), events: row.events.map(visitEventFromRow) };
}
