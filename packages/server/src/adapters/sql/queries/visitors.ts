import type { VisitorRow, VisitorStore } from '../../../ports/store.ts';
import { visitorFromRow, visitorToRow } from '../mappers.ts';
import type { Db } from '../schema.ts';

/** Visitors (their page views and events are in journeys.ts). */
export class SqlVisitors implements VisitorStore {
  constructor(private readonly db: Db) {}

  async createVisitor(visitor: VisitorRow): Promise<void> {
    await this.db.insertInto('visitors').values(visitorToRow(visitor)).execute();
  }

  async getVisitor(id: string): Promise<VisitorRow | undefined> {
    const row = await this.db.selectFrom('visitors').selectAll().where('id', '=', id).executeTakeFirst();
    return row && visitorFromRow(row);
  }

  async updateVisitor(visitor: VisitorRow): Promise<void> {
    // The widget and first-seen time are facts of the visitor's creation.
    const { id: _id, widget_id: _widgetId, created_at: _createdAt, ...changes } = visitorToRow(visitor);
    await this.db.updateTable('visitors').set(changes).where('id', '=', visitor.id).execute();
  }
}
