import type { Selectable } from 'kysely';
import type {
  JourneyStore,
  PageViewRow,
  VisitEventRow,
  VisitJourney,
  VisitorRow,
} from '../../../ports/store.ts';
import { pageViewFromRow, pageViewToRow, toNumber } from '../mappers.ts';
import type { Db, VisitEventsTable } from '../schema.ts';
import { SqlVisitors } from './visitors.ts';

async function insertPageView(db: Db, view: PageViewRow): Promise<void> {
  await db.insertInto('page_views').values(pageViewToRow(view)).execute();
}

/** Page views and `Beckon.track()` events: facts for proactive rules, the current visit and the one before. */
export class SqlJourneys implements JourneyStore {
  constructor(private readonly db: Db) {}

  async recordPageView(view: PageViewRow, visitor?: VisitorRow): Promise<void> {
    if (!visitor) return insertPageView(this.db, view);
    await this.db.transaction().execute(async (trx) => {
      await new SqlVisitors(trx).updateVisitor(visitor);
      await insertPageView(trx, view);
    });
  }

  async listPageViews(visitorId: string, since: number): Promise<PageViewRow[]> {
    const rows = await this.db
      .selectFrom('page_views')
      .selectAll()
      .where('visitor_id', '=', visitorId)
      .where('at', '>=', since)
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map(pageViewFromRow);
  }

  async lastPageViewBefore(visitorId: string, before: number): Promise<PageViewRow | undefined> {
    const row = await this.db
      .selectFrom('page_views')
      .selectAll()
      .where('visitor_id', '=', visitorId)
      .where('at', '<', before)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row && pageViewFromRow(row);
  }

  async addVisitEvent(event: VisitEventRow): Promise<void> {
    await this.db
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

  async listVisitEvents(visitorId: string, visitStartedAt: number, limit: number): Promise<VisitEventRow[]> {
    const rows = await this.db
      .selectFrom('visit_events')
      .selectAll()
      .where('visitor_id', '=', visitorId)
      .where('visit_started_at', '=', visitStartedAt)
      .orderBy('at', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse().map(visitEventFromRow);
  }

  async getVisitJourney(
    visitorId: string,
    visitStartedAt: number,
    eventLimit: number,
  ): Promise<VisitJourney> {
    return {
      pageViews: await this.listPageViews(visitorId, visitStartedAt),
      events: eventLimit > 0 ? await this.listVisitEvents(visitorId, visitStartedAt, eventLimit) : [],
    };
  }
}

/** A `visit_events` row as the store answers it. */
export function visitEventFromRow(row: Selectable<VisitEventsTable>): VisitEventRow {
  const event: VisitEventRow = {
    id: row.id,
    visitorId: row.visitor_id,
    visitStartedAt: toNumber(row.visit_started_at),
    name: row.name,
    at: toNumber(row.at),
  };
  if (row.props !== null) event.props = JSON.parse(row.props) as VisitEventRow['props'];
  return event;
}
