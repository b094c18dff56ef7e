import type { QueueRow, WidgetRow } from '../../ports/store.ts';
import { widgetFromRow, widgetToRow } from './mappers.ts';
import type { Db } from './schema.ts';

/** Widgets, queues and queue membership. */

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

export async function createQueue(db: Db, queue: QueueRow): Promise<void> {
  await db.insertInto('queues').values({ id: queue.id, name: queue.name }).execute();
}

export async function listQueues(db: Db): Promise<QueueRow[]> {
  return db.selectFrom('queues').select(['id', 'name']).orderBy('id').execute();
}

export async function addQueueMember(db: Db, queueId: string, userId: string): Promise<void> {
  // Adding someone already in the queue is a no-op rather than an error: membership is a set.
  await db
    .insertInto('queue_members')
    .values({ queue_id: queueId, user_id: userId })
    .onConflict((oc) => oc.columns(['queue_id', 'user_id']).doNothing())
    .execute();
}

export async function listQueueMembers(db: Db, queueId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('queue_members')
    .select('user_id')
    .where('queue_id', '=', queueId)
    .orderBy('user_id')
    .execute();
  return rows.map((row) => row.user_id);
}
