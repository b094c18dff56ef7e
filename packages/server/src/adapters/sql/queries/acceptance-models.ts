import type { AcceptanceModelRow, AcceptanceModelStore } from '../../../ports/store.ts';
import { toNumber } from '../mappers.ts';
import type { Db } from '../schema.ts';

/** Acceptance models, one row per widget, written with a version check. */
export class SqlAcceptanceModels implements AcceptanceModelStore {
  constructor(private readonly db: Db) {}

  async getAcceptanceModel(widgetId: string): Promise<AcceptanceModelRow | undefined> {
    const row = await this.db
      .selectFrom('acceptance_models')
      .selectAll()
      .where('widget_id', '=', widgetId)
      .executeTakeFirst();
    return (
      row && {
        widgetId: row.widget_id,
        model: row.model,
        version: toNumber(row.version),
        updatedAt: toNumber(row.updated_at),
      }
    );
  }

  async saveAcceptanceModel(row: AcceptanceModelRow): Promise<boolean> {
    const values = { model: row.model, version: row.version, updated_at: row.updatedAt };
    if (row.version === 1) {
      const inserted = await this.db
        .insertInto('acceptance_models')
        .values({ widget_id: row.widgetId, ...values })
        .onConflict((oc) => oc.column('widget_id').doNothing())
        .executeTakeFirst();
      return (inserted.numInsertedOrUpdatedRows ?? 0n) === 1n;
    }
    const updated = await this.db
      .updateTable('acceptance_models')
      .set(values)
      .where('widget_id', '=', row.widgetId)
      .where('version', '=', row.version - 1)
      .executeTakeFirst();
    return updated.numUpdatedRows === 1n;
  }
}
