import type { RuleRow } from '../../ports/store.ts';
import { ruleFromRow, ruleToRow } from './mappers.ts';
import type { Db } from './schema.ts';

/** Proactive rules of a widget. */

export async function createRule(db: Db, rule: RuleRow): Promise<void> {
  await db.insertInto('rules').values(ruleToRow(rule)).execute();
}

export async function getRule(db: Db, id: string): Promise<RuleRow | undefined> {
  const row = await db.selectFrom('rules').selectAll().where('id', '=', id).executeTakeFirst();
  return row && ruleFromRow(row);
}

export async function updateRule(db: Db, rule: RuleRow, expectedUpdatedAt?: number): Promise<boolean> {
  // A rule belongs to one widget for life; only its content changes.
  const { id: _id, widget_id: _widgetId, ...changes } = ruleToRow(rule);
  let update = db.updateTable('rules').set(changes).where('id', '=', rule.id);
  if (expectedUpdatedAt !== undefined) update = update.where('updated_at', '=', expectedUpdatedAt);
  const result = await update.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteRule(db: Db, id: string): Promise<void> {
  await db.deleteFrom('rules').where('id', '=', id).execute();
}

export async function listRules(db: Db, widgetId: string): Promise<RuleRow[]> {
  const rows = await db
    .selectFrom('rules')
    .selectAll()
    .where('widget_id', '=', widgetId)
    .orderBy('id')
    .execute();
  return rows.map(ruleFromRow);
}
