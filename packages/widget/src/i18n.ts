/**
 * The widget's visible strings in English and French. The loader's few strings and the pane's are separate
 * dictionaries so that the loader bundle carries only its own. `{name}` placeholders are filled by `format`.
 */

export type Locale = 'en' | 'fr';

const loaderEn = {
  launcherOpen: 'Open chat',
  launcherClose: 'Minimise chat',
  invitationLabel: 'Chat invitation',
  invitationAccept: 'Chat now',
  invitationClose: 'Close',
  /** Appended to the launcher's label while agent messages wait unread; `#` is the count. */
  unread: '# unread',
};
export type LoaderStrings = typeof loaderEn;

export const loaderStrings: Record<Locale, LoaderStrings> = {
  en: loaderEn,
  fr: {
    launcherOpen: 'Ouvrir la discussion',
    launcherClose: 'Réduire la discussion',
    invitationLabel: 'Invitation à discuter',
    invitationAccept: 'Discuter',
    invitationClose: 'Fermer',
    unread: '# non lu(s)',
  },
};

const paneEn = {
  chat: 'Chat',
  statusWaiting: 'Waiting for an agent…',
  statusQueued: 'You are number {position} in the queue',
  statusEstimate: ' (about {minutes} min)',
  statusActive: 'You are chatting with {agentName}',
  statusEnded: 'The chat has ended',
  agentFallback: 'an agent',
  inputLabel: 'Your message',
  inputPlaceholder: 'Type your message…',
  send: 'Send',
  end: 'End chat',
  minimize: 'Minimise',
  restart: 'Start a new chat',
  pending: 'Sending…',
  failed: 'Not sent',
  read: 'Read',
  offline: 'Reconnecting…',
  prechatTitle: 'Before we start, tell us a little about you.',
  prechatSubmit: 'Start chat',
  you: 'You',
  agent: 'Agent',
  closed: 'We are offline right now.',
  opensAt: 'We are back {when}.',
  typing: '{name} is typing…',
  sneakPeek: 'Our team sees what you type before you send it.',
  surveyTitle: 'How was your chat?',
  surveyRating: '{n} out of 5',
  surveyComment: 'Comment (optional)',
  surveySubmit: 'Send feedback',
  surveyThanks: 'Thank you for your feedback!',
  transcript: 'Download the transcript',
  transcriptTitle: 'Chat transcript',
  leaveTitle: 'Nobody can answer right now. Leave us a message and we will answer by e-mail.',
  leaveName: 'Your name',
  leaveEmail: 'Your e-mail address',
  leaveText: 'Your question',
  leaveSubmit: 'Send my message',
  leaveRequired: 'Please fill in this field.',
  leaveTooLong: 'This is too long.',
  leaveInvalidEmail: 'Please enter an e-mail address such as name@example.com.',
  leaveRefused: 'Your message could not be sent. Please check the form and try again.',
  leftStatus: 'Message sent. We will answer by e-mail at {email}.',
  leftStatusKnown: 'Message left. We will answer by e-mail.',
  mailTitle: 'Get the transcript by e-mail',
  mailAddress: 'Your e-mail address',
  mailSubmit: 'Send the transcript',
  mailSending: 'Sending the transcript…',
  mailSent: 'The transcript is on its way to {email}.',
  mailInvalid: 'Please enter an e-mail address such as name@example.com.',
  mailLimited: 'You have asked for this transcript too many times today. Please try again tomorrow.',
  mailUnavailable: 'Sorry, transcripts cannot be sent by e-mail on this site.',
  mailFailed: 'The transcript could not be sent. Please try again.',
};
export type PaneStrings = typeof paneEn;

export const paneStrings: Record<Locale, PaneStrings> = {
  en: paneEn,
  fr: {
    chat: 'Discussion',
    statusWaiting: 'En attente d’un conseiller…',
    statusQueued: 'Vous êtes numéro {position} dans la file d’attente',
    statusEstimate: ' (environ {minutes} min)',
    statusActive: 'Vous discutez avec {agentName}',
    statusEnded: 'La discussion est terminée',
    agentFallback: 'un conseiller',
    inputLabel: 'Votre message',
    inputPlaceholder: 'Écrivez votre message…',
    send: 'Envoyer',
    end: 'Terminer',
    minimize: 'Réduire',
    restart: 'Nouvelle discussion',
    pending: 'Envoi…',
    failed: 'Non envoyé',
    read: 'Lu',
    offline: 'Reconnexion…',
    prechatTitle: 'Avant de commencer, présentez-vous en quelques mots.',
    prechatSubmit: 'Commencer',
    you: 'Vous',
    agent: 'Conseiller',
    closed: 'Nous sommes absents pour le moment.',
    opensAt: 'De retour {when}.',
    typing: '{name} écrit…',
    sneakPeek: 'Notre équipe voit ce que vous écrivez avant l’envoi.',
    surveyTitle: 'Comment s’est passée la discussion ?',
    surveyRating: '{n} sur 5',
    surveyComment: 'Commentaire (facultatif)',
    surveySubmit: 'Envoyer l’avis',
    surveyThanks: 'Merci pour votre avis !',
    transcript: 'Télécharger la transcription',
    transcriptTitle: 'Transcription de la discussion',
    leaveTitle:
      'Personne ne peut vous répondre pour le moment. Laissez-nous un message, nous vous répondrons par e-mail.',
    leaveName: 'Votre nom',
    leaveEmail: 'Votre adresse e-mail',
    leaveText: 'Votre question',
    leaveSubmit: 'Envoyer mon message',
    leaveRequired: 'Veuillez remplir ce champ.',
    leaveTooLong: 'Ce texte est trop long.',
    leaveInvalidEmail: 'Veuillez saisir une adresse e-mail comme nom@exemple.fr.',
    leaveRefused: 'Votre message n’a pas pu être envoyé. Vérifiez le formulaire et réessayez.',
    leftStatus: 'Message envoyé. Nous vous répondrons par e-mail à {email}.',
    leftStatusKnown: 'Message laissé. Nous vous répondrons par e-mail.',
    mailTitle: 'Recevoir la transcription par e-mail',
    mailAddress: 'Votre adresse e-mail',
    mailSubmit: 'Envoyer la transcription',
    mailSending: 'Envoi de la transcription…',
    mailSent: 'La transcription est en route vers {email}.',
    mailInvalid: 'Veuillez saisir une adresse e-mail comme nom@exemple.fr.',
    mailLimited: 'Vous avez demandé cette transcription trop de fois aujourd’hui. Réessayez demain.',
    mailUnavailable: 'Désolé, les transcriptions ne peuvent pas être envoyées par e-mail sur ce site.',
    mailFailed: 'La transcription n’a pas pu être envoyée. Veuillez réessayer.',
  },
};

function supported(tag: string | undefined): Locale | undefined {
  const base = tag?.toLowerCase().split(/[-_]/)[0];
  return base === 'fr' || base === 'en' ? base : undefined;
}

/** The widget's configured locale wins unless it is 'auto' (or unsupported); then the visitor's language. */
export function pickLocale(configLocale: string | undefined, visitorLanguage: string | undefined): Locale {
  return (
    (configLocale === 'auto' ? undefined : supported(configLocale)) ?? supported(visitorLanguage) ?? 'en'
  );
}

export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
