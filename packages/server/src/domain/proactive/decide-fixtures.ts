// Test fixtures for decide(): a widget, rules, facts and past invitations with the fields the gates read.
import type { ConditionNode, Rule } from '@beckon/protocol';
import type { VisitorFacts } from '@beckon/rules';
import type { InvitationRow, WidgetRow } from '../../ports/store.ts';

export const T0 = Date.UTC(2026, 10, 24, 10, 0, 0);
export const always: ConditionNode = { type: 'all', conditions: [] };

export function widget(
  fatigue: Partial<WidgetRow['fatigue']> = {},
  more: Partial<WidgetRow> = {},
): WidgetRow {
  return {
    id: 'w1',
    key: 'k',
    name: 'Shop',
    title: 'Chat',
    color: '#000000',
    locale: 'en',
    enabled: true,
    proactiveEnabled: true,
    allowedOrigins: [],
    queueId: 'q1',
    offerTimeoutSeconds: 120,
    prechatFields: [],
    identityAlgorithm: 'none',
    identityMaxLifetimeSeconds: 86_400,
    fatigue: { perVisit: 2, perWeek: 3, dismissBackoffMinutes: 60, ...fatigue },
    consentRequired: false,
    operatingHours: null,
    invitationLook: {},
    prechatCreatesCustomers: false,
    inviteOnlyWhenAnswerable: false,
    urlParamDenyList: [],
    sneakPeek: false,
    fileTypes: ['image/png', 'application/pdf'],
    fileMaxBytes: 10_485_760,
    smartInvitations: true,
    createdAt: 0,
    ...more,
  };
}

export function rule(id: string, overrides: Partial<Rule> = {}): Rule {
  return {
    id,
    widgetId: 'w1',
    updatedAt: 0,
    name: `rule ${id}`,
    enabled: true,
    priority: 100,
    conditions: always,
    message: { text: `message ${id}` },
    showPrechat: false,
    ...overrides,
  };
}

export function facts(pageStartedAt: number, visitStartedAt: number): VisitorFacts {
  return {
    page: { url: 'https://shop.example/pricing', title: 'Pricing', startedAt: pageStartedAt },
    visit: { startedAt: visitStartedAt, pagesViewed: 1, visitNumber: 1 },
    language: 'en',
    location: {},
    context: {},
    authenticated: false,
  };
}

export function invited(
  ruleId: string,
  createdAt: number,
  extra: Partial<InvitationRow> = {},
): InvitationRow {
  return {
    id: `inv_${ruleId}_${createdAt}`,
    widgetId: 'w1',
    visitorId: 'v1',
    ruleId,
    ruleName: ruleId,
    source: 'rule',
    message: 'hi',
    showPrechat: false,
    status: 'expired',
    createdAt,
    expiresAt: createdAt + 60_000,
    closedAt: createdAt + 60_000,
    ...extra,
  };
}
