import type { WidgetRow } from '../../ports/store.ts';
import { widgetFromRow, widgetToRow } from './mappers.ts';
import type { Db } from './schema.ts';

/** Widgets (queues are in queue-queries.ts). */

export async function createWidget(db: Db, widget: WidgetRow): Promise<void> {
  await db.insertInto('widgets').values(widgetToRow(widget)).execute();
}

export async function getWidget(db: Db, id: string): Promise<WidgetRow | undefined> {
  const row = await db.selectFrom('widgets').selectAll().where('id', '=', id).executeTakeFirst();
  return row && widgetFromRow(row);
}

export async function getWidgetByKey(db: Db, key: string): Promise<WidgetRow | undefined> {
  const row = await db.selectFrom('widgets').selectAll().where('key', '=', key).executeTakeFirst();
  return row && widgetFromRow(row);
}

export async function listWidgets(db: Db): Promise<WidgetRow[]> {
  const rows = await db.selectFrom('widgets').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(widgetFromRow);
}

export async function updateWidget(db: Db, widget: WidgetRow): Promise<void> {
  // id, key and created_at identify the widget and are never rewritten.
  const { id: _id, key: _key, created_at: _createdAt, ...changes } = widgetToRow(widget);
  await db.updateTable('widgets').set(changes).where('id', '=', widget.id).execute();
}
