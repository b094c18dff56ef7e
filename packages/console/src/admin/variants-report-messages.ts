import { catalogue } from '../i18n/messages.ts';

export const variantsReportMessages = catalogue(
  {
    heading: 'Message variants',
    optimising: 'Optimised: each new visitor gets the variant Thompson sampling picks.',
    fixed: 'Fixed weights: the optimiser is off for this rule.',
    variant: 'Variant',
    shown: 'Shown',
    accepted: 'Accepted',
    objectiveAccepted: 'Objective: invitation accepted.',
    objectiveChat: 'Objective: a chat answered by an agent.',
    objectiveEvent: (event: string, hours: string) =>
      `Objective: “${event}” tracked within ${hours} h of the invitation.`,
    reachedChat: 'Chats answered',
    reachedEvent: 'Converted',
    rateAccepted: 'Acceptance (95 % interval)',
    rateChat: 'Chat rate (95 % interval)',
    rateEvent: 'Conversion rate (95 % interval)',
    best: 'Chance to be best',
    interval: (mean: string, low: string, high: string) => `${mean} (${low} – ${high})`,
    upliftMeasureAccepted: 'chat rate',
    upliftMeasureChat: 'rate of chats answered by an agent',
    upliftMeasureEvent: 'conversion rate',
    uplift: (measure: string, difference: string, low: string, high: string) =>
      `Uplift against the holdout (${measure}): ${difference} points (95 % interval ${low} to ${high}).`,
    upliftCounts: (invited: string, invitedVisitors: string, held: string, heldVisitors: string) =>
      `Invited: ${invited} of ${invitedVisitors} visitors; holdout: ${held} of ${heldVisitors}.`,
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
    objectiveAccepted: 'Objectif : invitation acceptée.',
    objectiveChat: 'Objectif : une discussion prise en charge par un agent.',
    objectiveEvent: (event: string, hours: string) =>
      `Objectif : « ${event} » suivi dans les ${hours} h après l’invitation.`,
    reachedChat: 'Discussions prises en charge',
    reachedEvent: 'Conversions',
    rateAccepted: 'Acceptation (intervalle à 95 %)',
    rateChat: 'Taux de discussion (intervalle à 95 %)',
    rateEvent: 'Taux de conversion (intervalle à 95 %)',
    best: 'Chance d’être la meilleure',
    interval: (mean: string, low: string, high: string) => `${mean} (${low} – ${high})`,
    upliftMeasureAccepted: 'taux de discussion',
    upliftMeasureChat: 'taux de discussions prises en charge par un agent',
    upliftMeasureEvent: 'taux de conversion',
    uplift: (measure: string, difference: string, low: string, high: string) =>
      `Gain face au groupe témoin (${measure}) : ${difference} points (intervalle à 95 % de ${low} à ${high}).`,
    upliftCounts: (invited: string, invitedVisitors: string, held: string, heldVisitors: string) =>
      `Invités : ${invited} visiteurs sur ${invitedVisitors} ; groupe témoin : ${held} sur ${heldVisitors}.`,
    shareChart: (summary: string) => `Invitations affichées par jour et par variante : ${summary}`,
    shareAxis: 'Affichées',
  },
);
