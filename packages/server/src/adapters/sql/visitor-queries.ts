import type { PageViewRow, VisitorRow } from '../../ports/store.ts';
import { pageViewFromRow, pageViewToRow, visitorFromRow, visitorToRow } from './mappers.ts';
import type { Db } from './schema.ts';

/** Visitors and their journeys (page views). */

export async function createVisitor(db: Db, visitor: VisitorRow): Promise<void> {
  await db.insertInto('visitors').values(visitorToRow(visitor)).execute();
}

export async function getVisitor(db: Db, id: string): Promise<VisitorRow | undefined> {
  const row = await db.selectFrom('visitors').selectAll().where('id', '=', id).executeTakeFirst();
  return row && visitorFromRow(row);
}

export async function updateVisitor(db: Db, visitor: VisitorRow): Promise<void> {
  // The widget and first-seen time are facts of the visitor's creation.
  const { id: _id, widget_id: _widgetId, created_at: _createdAt, ...changes } = visitorToRow(visitor);
  await db.updateTable('visitors').set(changes).where('id', '=', visitor.id).execute();
}

export async function addPageView(db: Db, view: PageViewRow): Promise<void> {
  await db.insertInto('page_views').values(pageViewToRow(view)).execute();
}

export async function recordPageView(db: Db, view: PageViewRow, visitor?: VisitorRow): Promise<void> {
  if (!visitor) return addPageView(db, view);
  await db.transaction().execute(async (trx) => {
    await updateVisitor(trx, visitor);
    await addPageView(trx, view);
  });
}

export async function listPageViews(db: Db, visitorId: string, since: number): Promise<PageViewRow[]> {
  const rows = await db
    .selectFrom('page_views')
    .selectAll()
    .where('visitor_id', '=', visitorId)
    .where('at', '>=', since)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map(pageViewFromRow);
}
