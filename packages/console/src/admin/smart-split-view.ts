import type { SmartSplit, SmartSplitSteps } from '@beckon/protocol';
import { catalogue } from '../i18n/messages.ts';

/** The rows of the smart against static table, top to bottom. */
export type SmartSplitRow = 'shown' | 'accepted' | 'dismissed' | 'expired' | 'chats' | 'acceptanceRate';

export const smartSplitRows: SmartSplitRow[] = [
  'shown',
  'accepted',
  'dismissed',
  'expired',
  'chats',
  'acceptanceRate',
];

/** One row's two figures, smart then static; a rate is absent where nothing was shown. */
export function smartSplitCells(
  split: SmartSplit,
  row: SmartSplitRow,
): [number | undefined, number | undefined] {
  const of = (steps: SmartSplitSteps) => steps[row];
  return [of(split.smart), of(split.static)];
}

/** What became of the shown invitations: the chart's groups, each a share of its side's shown. */
export type SmartSplitOutcome = 'accepted' | 'dismissed' | 'expired' | 'chats';
export const smartSplitOutcomes: SmartSplitOutcome[] = ['accepted', 'dismissed', 'expired', 'chats'];

/**
 * The chart's data: per outcome, the share of each side's shown invitations (smart, then static), so two sides of
 * very different sizes compare; a side that showed nothing has no bars (0).
 */
export function smartSplitShares(split: SmartSplit): number[][] {
  const share = (steps: SmartSplitSteps, outcome: SmartSplitOutcome) =>
    steps.shown > 0 ? steps[outcome] / steps.shown : 0;
  return [
    smartSplitOutcomes.map((_, index) => index),
    smartSplitOutcomes.map((outcome) => share(split.smart, outcome)),
    smartSplitOutcomes.map((outcome) => share(split.static, outcome)),
  ];
}

/** The share axis: 0 to the tallest bar with a little room, never past 100 %, at least 0–10 %. */
export function shareRange(max: number | null): [number, number] {
  return [0, Math.min(1, Math.max(0.1, Math.ceil((max ?? 0) * 11) / 10))];
}

/** Whether any invitation of the period was smart: a rule that never was needs no split of its own. */
export const anySmart = (split: SmartSplit): boolean => split.smart.shown > 0;

export const smartSplitMessages = catalogue(
  {
    heading: 'Smart and static invitations',
    explain:
      'Smart: the rule used predicted engagement when it invited (a predicted-acceptance condition or best moment, with a ready model). Static: every other rule invitation, including during the cold start and with a kill switch on.',
    caption: (scope: string) => `Smart against static invitations: ${scope}`,
    allRules: 'all rules',
    figure: 'Figure',
    smart: 'Smart',
    static: 'Static',
    side: (side: string, shown: string) => `${side} (${shown} shown)`,
    share: 'Share of shown',
    chartLabel: (scope: string, summary: string) =>
      `What became of the shown invitations, smart against static: ${scope}. ${summary}`,
    row: (row: SmartSplitRow) =>
      ({
        shown: 'Shown',
        accepted: 'Accepted',
        dismissed: 'Dismissed',
        expired: 'Expired',
        chats: 'Chats taken by an agent',
        acceptanceRate: 'Acceptance rate',
      })[row],
  },
  {
    heading: 'Invitations intelligentes et statiques',
    explain:
      'Intelligente : la règle a utilisé l’engagement prédit pour inviter (une condition d’acceptation prédite ou le meilleur moment, avec un modèle prêt). Statique : toute autre invitation de règle, y compris au démarrage à froid et avec un interrupteur coupé.',
    caption: (scope: string) => `Invitations intelligentes contre statiques : ${scope}`,
    allRules: 'toutes les règles',
    figure: 'Mesure',
    smart: 'Intelligentes',
    static: 'Statiques',
    side: (side: string, shown: string) => `${side} (${shown} affichées)`,
    share: 'Part des affichées',
    chartLabel: (scope: string, summary: string) =>
      `Ce que sont devenues les invitations affichées, intelligentes contre statiques : ${scope}. ${summary}`,
    row: (row: SmartSplitRow) =>
      ({
        shown: 'Affichées',
        accepted: 'Acceptées',
        dismissed: 'Refusées',
        expired: 'Expirées',
        chats: 'Discussions prises par un agent',
        acceptanceRate: 'Taux d’acceptation',
      })[row],
  },
);
