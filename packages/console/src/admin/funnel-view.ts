import type { RuleFunnel } from '@beckon/protocol';
import type { Locale } from '@beckon/protocol/conditions';
import { messagesOf } from '../i18n/messages.ts';
import { type FunnelStep, funnelMessages } from './funnel-messages.ts';

/** The funnel steps in order, as the chart and the table show them (labels: `funnelMessages.step`). */
export const funnelSteps: FunnelStep[] = [
  'invited',
  'shown',
  'accepted',
  'dismissed',
  'expired',
  'agentAccepted',
  'ended',
];

export const periods = ['1', '7', '30', '90'] as const;

/** The side a rule without an A/B split is shown as. */
export const allSides = 'all';

/** Chart data: x = step index, one series per A/B side of the rule (its total when it has no split). */
export function chartSeries(rule: RuleFunnel): { labels: string[]; data: number[][] } {
  const sides = rule.variants.length > 1 ? rule.variants : [{ ...rule.total, variant: allSides }];
  return {
    labels: sides.map((side) => side.variant),
    data: [
      funnelSteps.map((_, index) => index),
      ...sides.map((side) => funnelSteps.map((key) => Number(side[key] ?? 0))),
    ],
  };
}

/** "p = 0.004 (significant at 5 %)" for the holdout test. */
export function significance(pValue: number | undefined, locale: Locale = 'en'): string {
  const t = messagesOf(funnelMessages, locale);
  if (pValue === undefined) return t.notEnoughData;
  const p = pValue < 0.001 ? '< 0.001' : pValue.toFixed(3);
  return `p = ${p} (${pValue < 0.05 ? t.significant : t.notSignificant})`;
}
