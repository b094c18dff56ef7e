import { catalogue } from '../i18n/messages.ts';

/** The funnel's steps, in the order a visitor goes through them. */
export type FunnelStep =
  | 'invited'
  | 'shown'
  | 'accepted'
  | 'dismissed'
  | 'expired'
  | 'agentAccepted'
  | 'ended';

export const funnelMessages = catalogue(
  {
    ruleResults: 'Rule results',
    period: 'Period',
    refresh: 'Refresh',
    noRules: 'No rules.',
    evaluated: (count: string) => `evaluated ${count} times`,
    side: 'Side',
    allVisitors: 'All visitors',
    acceptance: 'Acceptance',
    medianToAccept: 'Median time to accept',
    csat: 'CSAT',
    seconds: (value: string) => `${value} s`,
    step: (step: FunnelStep) =>
      ({
        invited: 'Invited',
        shown: 'Shown',
        accepted: 'Accepted',
        dismissed: 'Dismissed',
        expired: 'Expired',
        agentAccepted: 'Agent accepted',
        ended: 'Chat ended',
      })[step],
    periodLabel: (days: '1' | '7' | '30' | '90') =>
      ({ '1': 'Today (UTC)', '7': 'Last 7 days', '30': 'Last 30 days', '90': 'Last 90 days' })[days],
    chartLabel: (rule: string, summary: string) => `Funnel of ${rule}: ${summary}`,
    visitors: 'Visitors',
    holdout: (invited: string, held: string, verdict: string) =>
      `Chat rate: invited ${invited} vs holdout ${held} — ${verdict}`,
    notEnoughData: 'not enough data',
    significant: 'significant at 5 %',
    notSignificant: 'not significant',
  },
  {
    ruleResults: 'Résultats des règles',
    period: 'Période',
    refresh: 'Actualiser',
    noRules: 'Aucune règle.',
    evaluated: (count: string) => `évaluée ${count} fois`,
    side: 'Variante',
    allVisitors: 'Tous les visiteurs',
    acceptance: 'Acceptation',
    medianToAccept: 'Délai médian d’acceptation',
    csat: 'Satisfaction (CSAT)',
    seconds: (value: string) => `${value} s`,
    step: (step: FunnelStep) =>
      ({
        invited: 'Invités',
        shown: 'Affichées',
        accepted: 'Acceptées',
        dismissed: 'Refusées',
        expired: 'Expirées',
        agentAccepted: 'Prises par un agent',
        ended: 'Discussions terminées',
      })[step],
    periodLabel: (days: '1' | '7' | '30' | '90') =>
      ({
        '1': 'Aujourd’hui (UTC)',
        '7': '7 derniers jours',
        '30': '30 derniers jours',
        '90': '90 derniers jours',
      })[days],
    chartLabel: (rule: string, summary: string) => `Entonnoir de ${rule} : ${summary}`,
    visitors: 'Visiteurs',
    holdout: (invited: string, held: string, verdict: string) =>
      `Taux de discussion : invités ${invited} contre groupe témoin ${held} — ${verdict}`,
    notEnoughData: 'pas assez de données',
    significant: 'significatif à 5 %',
    notSignificant: 'non significatif',
  },
);
