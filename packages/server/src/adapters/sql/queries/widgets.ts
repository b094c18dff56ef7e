import type { WidgetRow, WidgetStore } from '../../../ports/store.ts';
import { widgetFromRow, widgetToRow } from '../mappers.ts';
import type { Db } from '../schema.ts';

/** Widgets. */
export class SqlWidgets implements WidgetStore {
  constructor(private readonly db: Db) {}

  async createWidget(widget: WidgetRow): Promise<void> {
    await this.db.insertInto('widgets').values(widgetToRow(widget)).execute();
  }

  async getWidget(id: string): Promise<WidgetRow | undefined> {
    const row = await this.db.selectFrom('widgets').selectAll().where('id', '=', id).executeTakeFirst();
    return row && widgetFromRow(row);
  }

  async getWidgetByKey(key: string): Promise<WidgetRow | undefined> {
    const row = await this.db.selectFrom('widgets').selectAll().where('key', '=', key).executeTakeFirst();
    return row && widgetFromRow(row);
  }

  async listWidgets(): Promise<WidgetRow[]> {
    const rows = await this.db
      .selectFrom('widgets')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(widgetFromRow);
  }

  async updateWidget(widget: WidgetRow): Promise<void> {
    // id, key and created_at identify the widget and are never rewritten.
    const { id: _id, key: _key, created_at: _createdAt, ...changes } = widgetToRow(widget);
    await this.db.updateTable('widgets').set(changes).where('id', '=', widget.id).execute();
  }
}
