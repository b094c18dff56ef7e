import { catalogue } from '../i18n/messages.ts';

export const variantsReportMessages = catalogue(
  {
    heading: 'Message variants',
    optimising: 'Optimised: each new visitor gets the variant Thompson sampling picks.',
    fixed: 'Fixed weights: the optimiser is off for this rule.',
    variant: 'Variant',
    shown: 'Shown',
    accepted: 'Accepted',
    rate: 'Acceptance (95 % interval)',
    best: 'Chance to be best',
    interval: (mean: string, low: string, high: string) => `${mean} (${low} – ${high})`,
    uplift: (difference: string, low: string, high: string) =>
      `Uplift against the holdout (chat rate): ${difference} points (95 % interval ${low} to ${high}).`,
    shareChart: (summary: string) => `Invitations shown per day and variant: ${summary}`,
    shareAxis: 'Shown',
  },
  {
    heading: 'Variantes du message',
    optimising:
      'Optimisé : chaque nouveau visiteur reçoit la variante que l’échantillonnage de Thompson choisit.',
    fixed: 'Poids fixes : l’optimisation est désactivée pour cette règle.',
    variant: 'Variante',
    shown: 'Affichées',
    accepted: 'Acceptées',
    rate: 'Acceptation (intervalle à 95 %)',
    best: 'Chance d’être la meilleure',
    interval: (mean: string, low: string, high: string) => `${mean} (${low} – ${high})`,
    uplift: (difference: string, low: string, high: string) =>
      `Gain face au groupe témoin (taux de discussion) : ${difference} points (intervalle à 95 % de ${low} à ${high}).`,
    shareChart: (summary: string) => `Invitations affichées par jour et par variante : ${summary}`,
    shareAxis: 'Affichées',
  },
);
