// Test fixtures for the funnel's computations: a shown rule invitation of widget w1 and rule r1, at T0.
import type { InvitationRow } from '../../ports/store.ts';

export const T0 = Date.UTC(2026, 10, 24, 10, 0, 0);

export function inv(id: string, extra: Partial<InvitationRow>): InvitationRow {
  return {
    id,
    widgetId: 'w1',
    visitorId: `v_${id}`,
    ruleId: 'r1',
    ruleName: 'Rule one',
    source: 'rule',
    message: 'Hi',
    showPrechat: false,
    status: 'shown',
    createdAt: T0,
    expiresAt: T0 + 60_000,
    ...extra,
  };
}
