import type { LiveVisitorSort, LiveVisitorState } from '@beckon/protocol';
import type { Locale } from '@beckon/protocol/conditions';

/** The Visitors screen's text, English and French. */
export interface VisitorsStrings {
  title: string;
  filters: string;
  pageContains: string;
  country: string;
  returning: string;
  identified: string;
  idle: string;
  notInvited: string;
  sort: string;
  sorts: Record<LiveVisitorSort, string>;
  count(shown: number, total: number): string;
  none: string;
  table: string;
  page: string;
  timeOnSite: string;
  timeOnPage: string;
  pages: string;
  visit: string;
  source: string;
  location: string;
  device: string;
  language: string;
  customer: string;
  consent: string;
  state: string;
  states: Record<LiveVisitorState, string>;
  consents: Record<'not-required' | 'granted' | 'pending', string>;
  verified: string;
  unverified: string;
  unknown: string;
  direct: string;
  details: string;
  detailsOf(name: string): string;
  close: string;
  journey: string;
  predicted: string;
  predictedPercent(percent: string): string;
  predictionHint: string;
  pushesUp: string;
  pushesDown: string;
  noPush: string;
  referrer: string;
  noPage: string;
  /** In place of the invitation form for a visitor who has not given consent. */
  noConsentInvite: string;
  invite: string;
  message: string;
  messageHint(max: number): string;
  send: string;
  pending(seconds: number): string;
  invitedBy(name: string): string;
  invitedByRule: string;
  withdraw: string;
  invited: string;
  withdrawn: string;
  gone: string;
}

export const visitorsStrings: Record<Locale, VisitorsStrings> = {
  en: {
    title: 'Visitors',
    filters: 'Filters',
    pageContains: 'Page contains',
    country: 'Country',
    returning: 'Returning',
    identified: 'Identified',
    idle: 'Idle',
    notInvited: 'Not yet invited',
    sort: 'Sort by',
    sorts: { arrival: 'Arrival (newest first)', timeOnSite: 'Time on site', pages: 'Pages viewed' },
    count: (shown, total) =>
      total === shown ? `${total} visitor(s) on the site` : `${shown} of ${total} visitors on the site`,
    none: 'Nobody matching is on the site right now.',
    table: 'Visitors on the site now',
    page: 'Current page',
    timeOnSite: 'On site',
    timeOnPage: 'On page',
    pages: 'Pages',
    visit: 'Visit',
    source: 'Source',
    location: 'Location',
    device: 'Device',
    language: 'Language',
    customer: 'Customer',
    consent: 'Consent',
    state: 'Status',
    states: {
      browsing: 'Browsing',
      idle: 'Idle',
      invited: 'Invited',
      waiting: 'Waiting for an agent',
      chatting: 'Chatting',
    },
    consents: { 'not-required': 'Not required', granted: 'Given', pending: 'Not given' },
    verified: 'verified',
    unverified: 'not verified',
    unknown: 'Unknown',
    direct: 'Direct',
    details: 'Details',
    detailsOf: (name) => `Details of ${name}`,
    close: 'Close details',
    journey: 'Pages this visit',
    predicted: 'Predicted acceptance',
    predictedPercent: (percent) => `${percent} %`,
    predictionHint:
      'The chance this visitor accepts an invitation shown now, as the widget’s model sees them (features pushing it up and down: their weight on the log-odds).',
    pushesUp: 'Pushing it up',
    pushesDown: 'Pushing it down',
    noPush: 'none',
    referrer: 'Referrer',
    noPage: 'Hidden until consent',
    noConsentInvite: 'This visitor has not given consent on this site: they cannot be invited yet.',
    invite: 'Invite to chat',
    message: 'Invitation message',
    messageHint: (max) => `Up to ${max} characters. The visitor sees it for 60 seconds.`,
    send: 'Send invitation',
    pending: (seconds) => `Your invitation is showing (${seconds} s left).`,
    invitedBy: (name) => `Invited by ${name}`,
    invitedByRule: 'Invited by a rule',
    withdraw: 'Withdraw invitation',
    invited: 'Invitation sent.',
    withdrawn: 'Invitation withdrawn.',
    gone: 'This visitor left the site.',
  },
  fr: {
    title: 'Visiteurs',
    filters: 'Filtres',
    pageContains: 'La page contient',
    country: 'Pays',
    returning: 'Déjà venus',
    identified: 'Identifiés',
    idle: 'Inactifs',
    notInvited: 'Pas encore invités',
    sort: 'Trier par',
    sorts: {
      arrival: 'Arrivée (plus récents d’abord)',
      timeOnSite: 'Temps sur le site',
      pages: 'Pages vues',
    },
    count: (shown, total) =>
      total === shown
        ? `${total} visiteur(s) sur le site`
        : `${shown} visiteurs sur ${total} présents sur le site`,
    none: 'Personne de correspondant n’est sur le site en ce moment.',
    table: 'Visiteurs sur le site en ce moment',
    page: 'Page actuelle',
    timeOnSite: 'Sur le site',
    timeOnPage: 'Sur la page',
    pages: 'Pages',
    visit: 'Visite',
    source: 'Source',
    location: 'Lieu',
    device: 'Appareil',
    language: 'Langue',
    customer: 'Client',
    consent: 'Consentement',
    state: 'État',
    states: {
      browsing: 'Navigue',
      idle: 'Inactif',
      invited: 'Invité',
      waiting: 'Attend un agent',
      chatting: 'En conversation',
    },
    consents: { 'not-required': 'Non requis', granted: 'Donné', pending: 'Non donné' },
    verified: 'vérifié',
    unverified: 'non vérifié',
    unknown: 'Inconnu',
    direct: 'Accès direct',
    details: 'Détails',
    detailsOf: (name) => `Détails de ${name}`,
    close: 'Fermer les détails',
    journey: 'Pages de cette visite',
    predicted: 'Acceptation prévue',
    predictedPercent: (percent) => `${percent} %`,
    predictionHint:
      'La probabilité que ce visiteur accepte une invitation affichée maintenant, selon le modèle du widget (caractéristiques qui la font monter et descendre : leur poids sur le logit).',
    pushesUp: 'La font monter',
    pushesDown: 'La font descendre',
    noPush: 'aucune',
    referrer: 'Site d’origine',
    noPage: 'Masquée jusqu’au consentement',
    noConsentInvite:
      'Ce visiteur n’a pas donné son consentement sur ce site : il ne peut pas encore être invité.',
    invite: 'Inviter à discuter',
    message: 'Message d’invitation',
    messageHint: (max) => `Jusqu’à ${max} caractères. Le visiteur le voit pendant 60 secondes.`,
    send: 'Envoyer l’invitation',
    pending: (seconds) => `Votre invitation est affichée (encore ${seconds} s).`,
    invitedBy: (name) => `Invité par ${name}`,
    invitedByRule: 'Invité par une règle',
    withdraw: 'Retirer l’invitation',
    invited: 'Invitation envoyée.',
    withdrawn: 'Invitation retirée.',
    gone: 'Ce visiteur a quitté le site.',
  },
};
