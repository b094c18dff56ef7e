import type { Rule, RuleVersion } from '@beckon/protocol';
import type { RuleVersionRow, Store } from '../../ports/store.ts';

/** Concurrent saves of one rule are a handful of admins at most; each retry waits for no one. */
const maxVersionAttempts = 8;

/** What kind of change turned `before` into `after` (either absent for a creation or a deletion). */
export function changeOf(before: Rule | undefined, after: Rule | undefined): RuleVersion['action'] {
  if (!before) return 'created';
  if (!after) return 'deleted';
  const wasPublished = before.status !== 'draft';
  const isPublished = after.status !== 'draft';
  if (!wasPublished && isPublished) return 'published';
  if (wasPublished && !isPublished) return 'unpublished';
  return 'saved';
}

/** The rule's content as the admin edits it (no id, widget or timestamp). */
export function contentOf(rule: Rule): RuleVersion['rule'] {
  const { id: _id, widgetId: _widgetId, updatedAt: _updatedAt, ...content } = rule;
  return content;
}

/**
 * Appends one version to the rule's history: who (the signed-in admin; absent for the seed or the server
 * itself), when, what kind of change, and the content after it (before it, for a deletion).
 */
export async function recordRuleVersion(
  store: Store,
  change: { before?: Rule; after?: Rule; userId?: string; at: number },
): Promise<void> {
  const rule = (change.after ?? change.before) as Rule;
  let [latest] = await store.listRuleVersions(rule.id);
  for (let attempt = 1; ; attempt++) {
    const row: RuleVersionRow = {
      ruleId: rule.id,
      version: (latest?.version ?? 0) + 1,
      widgetId: rule.widgetId,
      action: changeOf(change.before, change.after),
      at: change.at,
      rule: contentOf(rule),
    };
    if (change.userId !== undefined) row.userId = change.userId;
    try {
      await store.addRuleVersion(row);
      return;
    } catch (error) {
      // Two admins saving the same rule at once both read version n and both write n + 1: the store's key
      // (rule, version) lets one win; the other takes the next number. Any other failure is not ours to hide.
      [latest] = await store.listRuleVersions(rule.id);
      if (attempt >= maxVersionAttempts || (latest?.version ?? 0) < row.version) throw error;
    }
  }
}

/** The history as the API shows it, newest first, with the author's name when the account still exists. */
export async function ruleHistory(store: Store, ruleId: string): Promise<RuleVersion[]> {
  const names = new Map<string, string | undefined>();
  const versions: RuleVersion[] = [];
  for (const row of await store.listRuleVersions(ruleId)) {
    const { widgetId: _widgetId, ...version } = row;
    if (row.userId !== undefined && !names.has(row.userId)) {
      names.set(row.userId, (await store.getUser(row.userId))?.name);
    }
    const userName = row.userId === undefined ? undefined : names.get(row.userId);
    versions.push(userName === undefined ? version : { ...version, userName });
  }
  return versions;
}
