import { createHash, randomBytes } from 'node:crypto';
import type { RulePreview } from '@beckon/protocol';
import type { Store } from '../../ports/store.ts';

/** How long a preview link works. */
export const previewLifetimeMs = 60 * 60_000;
export const previewParameter = 'beckon_preview';

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new preview link for the rule, for the admin who asked; only the token's hash is stored. */
export async function createRulePreview(
  store: Store,
  rule: { id: string; widgetId: string },
  userId: string,
  now: number,
): Promise<RulePreview> {
  const token = randomBytes(24).toString('base64url');
  const expiresAt = now + previewLifetimeMs;
  await store.createRulePreview({
    tokenHash: hashOf(token),
    ruleId: rule.id,
    widgetId: rule.widgetId,
    userId,
    expiresAt,
  });
  return { token, expiresAt, parameter: `${previewParameter}=${token}` };
}

/** The rule a preview token shows, if the token is known, unexpired and for this widget. */
export async function resolveRulePreview(
  store: Store,
  widgetId: string,
  token: string,
  now: number,
): Promise<string | undefined> {
  const preview = await store.getRulePreview(hashOf(token));
  if (!preview || preview.widgetId !== widgetId || preview.expiresAt <= now) return undefined;
  return preview.ruleId;
}
