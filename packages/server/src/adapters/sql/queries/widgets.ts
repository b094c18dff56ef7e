import type { WidgetRow, WidgetStore } from '../../../ports/store.ts';
import { widgetFromRow, widgetToRow } from '../mappers.ts';
import type { Db, WidgetsTable } from '../schema.ts';

/**
 * Every column of a widget row, named: a statement prepared once per pooled connection (PostgreSQL's) must not
 * say `*`, or a column added by a newer node's migration changes its result type under it and it fails.
 * `widgetFromRow` takes every column of the table, so a column missing here does not compile.
 */
export const widgetColumns = [
  'id',
  'key',
  'name',
  'title',
  'color',
  'locale',
  'enabled',
  'proactive_enabled',
  'allowed_origins',
  'queue_id',
  'offer_timeout_seconds',
  'prechat_fields',
  'identity_algorithm',
  'identity_issuer',
  'identity_secret',
  'identity_audience',
  'identity_max_lifetime_seconds',
  'fatigue_per_visit',
  'fatigue_per_week',
  'dismiss_backoff_minutes',
  'consent_required',
  'operating_hours',
  'invitation_look',
  'prechat_creates_customers',
  'invite_only_when_answerable',
  'url_param_deny_list',
  'sneak_peek',
  'file_types',
  'file_max_bytes',
  'smart_invitations',
  'created_at',
] as const satisfies readonly (keyof WidgetsTable)[];

/** A widget by id, every column named (`widgetColumns`). */
export function widgetQuery(db: Db, id: string) {
  return db.selectFrom('widgets').select(widgetColumns).where('id', '=', id);
}

/** Widgets. */
export class SqlWidgets implements WidgetStore {
  constructor(private readonly db: Db) {}

  async createWidget(widget: WidgetRow): Promise<void> {
    await this.db.insertInto('widgets').values(widgetToRow(widget)).execute();
  }

  async getWidget(id: string): Promise<WidgetRow | undefined> {
    const row = await widgetQuery(this.db, id).executeTakeFirst();
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
