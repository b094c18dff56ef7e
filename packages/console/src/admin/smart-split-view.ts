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
