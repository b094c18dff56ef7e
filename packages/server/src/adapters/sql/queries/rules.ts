import type { RulePreviewRow, RuleRow, RuleStore, RuleVersionRow } from '../../../ports/store.ts';
import { ruleFromRow, ruleToRow } from '../mappers.ts';
import type { Db } from '../schema.ts';

/** Proactive rules of a widget, their version history (append-only) and preview tokens. */
export class SqlRules implements RuleStore {
  constructor(private readonly db: Db) {}

  async createRule(rule: RuleRow): Promise<void> {
    await this.db.insertInto('rules').values(ruleToRow(rule)).execute();
  }

  async getRule(id: string): Promise<RuleRow | undefined> {
    const row = await this.db.selectFrom('rules').selectAll().where('id', '=', id).executeTakeFirst();
    return row && ruleFromRow(row);
  }

  async updateRule(rule: RuleRow, expectedUpdatedAt?: number): Promise<boolean> {
    // A rule belongs to one widget for life; only its content changes.
    const { id: _id, widget_id: _widgetId, ...changes } = ruleToRow(rule);
    let update = this.db.updateTable('rules').set(changes).where('id', '=', rule.id);
    if (expectedUpdatedAt !== undefined) update = update.where('updated_at', '=', expectedUpdatedAt);
    const result = await update.executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async deleteRule(id: string): Promise<void> {
    await this.db.deleteFrom('rules').where('id', '=', id).execute();
  }

  async listRules(widgetId: string): Promise<RuleRow[]> {
    const rows = await this.db
      .selectFrom('rules')
      .selectAll()
      .where('widget_id', '=', widgetId)
      .orderBy('id')
      .execute();
    return rows.map(ruleFromRow);
  }

  async addRuleVersion(version: RuleVersionRow): Promise<void> {
    await this.db
      .insertInto('rule_versions')
      .values({
        rule_id: version.ruleId,
        version: version.version,
        widget_id: version.widgetId,
        action: version.action,
        user_id: version.userId ?? null,
        at: version.at,
        rule: JSON.stringify(version.rule),
      })
      .execute();
  }

  async listRuleVersions(ruleId: string): Promise<RuleVersionRow[]> {
    const rows = await this.db
      .selectFrom('rule_versions')
      .selectAll()
      .where('rule_id', '=', ruleId)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((row) => {
      const version: RuleVersionRow = {
        ruleId: row.rule_id,
        version: Number(row.version),
        widgetId: row.widget_id,
        action: row.action as RuleVersionRow['action'],
        at: Number(row.at),
        rule: JSON.parse(row.rule) as RuleVersionRow['rule'],
      };
      if (row.user_id !== null) version.userId = row.user_id;
      return version;
    });
  }

  async createRulePreview(preview: RulePreviewRow): Promise<void> {
    await this.db
      .insertInto('rule_previews')
      .values({
        token_hash: preview.tokenHash,
        rule_id: preview.ruleId,
        widget_id: preview.widgetId,
        user_id: preview.userId,
        expires_at: preview.expiresAt,
      })
      .execute();
  }

  async getRulePreview(tokenHash: string): Promise<RulePreviewRow | undefined> {
    const row = await this.db
      .selectFrom('rule_previews')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return (
      row && {
        tokenHash: row.token_hash,
        ruleId: row.rule_id,
        widgetId: row.widget_id,
        userId: row.user_id,
        expiresAt: Number(row.expires_at),
      }
    );
  }
}
