import type { ConditionNode, Rule } from '@beckon/protocol';
import type { VisitorFacts } from './types.ts';

/** Monday 2026-01-05 10:00:00 UTC (11:00 in Paris, 05:00 in New York). */
export const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

export function makeFacts(overrides: Partial<VisitorFacts> = {}): VisitorFacts {
  return {
    page: { url: 'https://shop.example/pricing?utm_source=mail', title: 'Pricing', startedAt: T0 },
    visit: { startedAt: T0 - 60_000, pagesViewed: 3, visitNumber: 2, referrer: 'https://search.example/' },
    language: 'fr-FR',
    location: { country: 'FR', region: 'IDF', city: 'Paris' },
    context: { plan: 'Gold', cartTotal: 120, vip: true, orders: '7' },
    authenticated: false,
    ...overrides,
  };
}

export function makeRule(id: string, conditions: ConditionNode, overrides: Partial<Rule> = {}): Rule {
  return {
    id,
    widgetId: 'w1',
    updatedAt: 0,
    name: `rule ${id}`,
    enabled: true,
    priority: 100,
    conditions,
    message: { text: `message ${id}` },
    showPrechat: false,
    ...overrides,
  };
}
