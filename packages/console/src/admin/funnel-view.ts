import type { FunnelSteps, RuleFunnel } from '@beckon/protocol';

/** The funnel steps in order, as the chart and the table show them. */
export const funnelSteps: [keyof FunnelSteps, string][] = [
  ['invited', 'Invited'],
  ['shown', 'Shown'],
  ['accepted', 'Accepted'],
  ['dismissed', 'Dismissed'],
  ['expired', 'Expired'],
  ['agentAccepted', 'Agent accepted'],
  ['ended', 'Chat ended'],
];

export const periods = [
  ['1', 'Today (UTC)'],
  ['7', 'Last 7 days'],
  ['30', 'Last 30 days'],
  ['90', 'Last 90 days'],
] as const;

/** Chart data: x = step index, one series per A/B side of the rule (its total when it has no split). */
export function chartSeries(rule: RuleFunnel): { labels: string[]; data: number[][] } {
  const sides = rule.variants.length > 1 ? rule.variants : [{ ...rule.total, variant: 'all' }];
  return {
    labels: sides.map((side) => side.variant),
    data: [
      funnelSteps.map((_, index) => index),
      ...sides.map((side) => funnelSteps.map(([key]) => Number(side[key] ?? 0))),
    ],
  };
}

export function percent(rate: number | undefined): string {
  return rate === undefined ? '–' : `${(rate * 100).toFixed(1)} %`;
}

/** "p = 0.004 (significant at 5 %)" for the holdout test. */
export function significance(pValue: number | undefined): string {
  if (pValue === undefined) return 'not enough data';
  const p = pValue < 0.001 ? '< 0.001' : pValue.toFixed(3);
  return `p = ${p}${pValue < 0.05 ? ' (significant at 5 %)' : ' (not significant)'}`;
}
