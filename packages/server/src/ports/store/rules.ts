import type { Rule, RuleVersion } from '@beckon/protocol';

/** Proactive rules of a widget, their version history and the preview links that show a draft on the site. */

export type RuleRow = Rule;

export interface RuleVersionRow {
  ruleId: string;
  version: number;
  widgetId: string;
  action: RuleVersion['action'];
  userId?: string;
  at: number;
  rule: RuleVersion['rule'];
}

export interface RulePreviewRow {
  /** SHA-256 of the token, hex: the token itself is never stored. */
  tokenHash: string;
  ruleId: string;
  widgetId: string;
  userId: string;
  expiresAt: number;
}

export interface RuleStore {
  createRule(rule: RuleRow): Promise<void>;
  getRule(id: string): Promise<RuleRow | undefined>;
  /**
   * Writes the rule's new content. With `expectedUpdatedAt`, only if the stored rule still has that
   * `updatedAt` (optimistic concurrency); returns whether the row was written.
   */
  updateRule(rule: RuleRow, expectedUpdatedAt?: number): Promise<boolean>;
  deleteRule(id: string): Promise<void>;
  /** Ordered by id, so callers never depend on insertion order. */
  listRules(widgetId: string): Promise<RuleRow[]>;
  /** Appends the next version (its `version` must be the previous one + 1; a duplicate fails). */
  addRuleVersion(version: RuleVersionRow): Promise<void>;
  /** Every version of the rule, newest first. */
  listRuleVersions(ruleId: string): Promise<RuleVersionRow[]>;
  createRulePreview(preview: RulePreviewRow): Promise<void>;
  /** The preview with this token hash, whatever its expiry (the caller checks it). */
  getRulePreview(tokenHash: string): Promise<RulePreviewRow | undefined>;
}
