import { catalogue } from '../i18n/messages.ts';

/** The texts of predicted engagement in the console: the rule's options, the widget's switch, the explanation. */
export const smartMessages = catalogue(
  {
    smartLegend: 'Predicted engagement',
    bestMoment: 'Best moment: once the conditions match, invite when the predicted acceptance is highest',
    maxDelay: 'Wait at most (seconds)',
    inviteAt: 'Invite at once from (%)',
    inviteAtPlaceholder: '–',
    ruleOff: 'Off for this rule: ignore predicted-acceptance conditions and invite at the first match',
    smartHint:
      'Until the widget has learnt from enough invitations, predicted-acceptance conditions count as met and the rule invites at its first match.',
    widgetSwitch:
      'Smart invitations: let predicted acceptance act on rules (off: every rule exactly as written)',
    prediction: 'Predicted acceptance',
    predictionOff: 'Off for this widget: rules run as written.',
    predictionNotReady: (outcomes: number) =>
      `Not ready: learnt from ${outcomes} invitation(s) so far; rules run as written.`,
    predictionReady: (percent: string, outcomes: number) =>
      `${percent} % chance of accepting an invitation now (learnt from ${outcomes} invitations).`,
    pushesUp: 'Pushing it up',
    pushesDown: 'Pushing it down',
    none: 'none',
  },
  {
    smartLegend: 'Engagement prévu',
    bestMoment:
      'Meilleur moment : une fois les conditions remplies, inviter quand l’acceptation prévue est la plus haute',
    maxDelay: 'Attendre au plus (secondes)',
    inviteAt: 'Inviter tout de suite à partir de (%)',
    inviteAtPlaceholder: '–',
    ruleOff:
      'Désactivé pour cette règle : ignorer les conditions d’acceptation prévue et inviter dès que les conditions sont remplies',
    smartHint:
      'Tant que le widget n’a pas appris d’assez d’invitations, les conditions d’acceptation prévue comptent comme remplies et la règle invite dès que les conditions le sont.',
    widgetSwitch:
      'Invitations intelligentes : l’acceptation prévue agit sur les règles (désactivé : chaque règle telle qu’écrite)',
    prediction: 'Acceptation prévue',
    predictionOff: 'Désactivée pour ce widget : les règles s’appliquent telles qu’écrites.',
    predictionNotReady: (outcomes: number) =>
      `Pas prête : apprise de ${outcomes} invitation(s) pour l’instant ; les règles s’appliquent telles qu’écrites.`,
    predictionReady: (percent: string, outcomes: number) =>
      `${percent} % de chances d’accepter une invitation maintenant (apprise de ${outcomes} invitations).`,
    pushesUp: 'La font monter',
    pushesDown: 'La font baisser',
    none: 'aucun',
  },
);
