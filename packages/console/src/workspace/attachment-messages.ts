import { catalogue } from '../i18n/messages.ts';

const en = {
  attach: 'Attach a file',
  attachHint: 'The types this widget accepts (images, PDF and text unless an admin changed them)',
  uploading: (name: string) => `Sending ${name}…`,
  cancel: 'Cancel',
  retry: 'Try again',
  dismiss: 'Dismiss',
  sent: (name: string) => `${name} sent.`,
  failed: (name: string, reason: string) => `${name} was not sent: ${reason}`,
  tooLarge: 'the file is too large.',
  typeRefused: 'this widget does not accept files of this type (its settings list the ones it does).',
  rateLimited: 'too many files at once; wait a minute and try again.',
  quarantined: 'the antivirus flagged this file; it is quarantined and was not sent.',
  scanUnavailable:
    'files cannot be checked for viruses right now (the antivirus does not answer); try again later.',
  ended: 'the conversation has ended.',
  network: 'the server cannot be reached. Check your connection.',
  other: (message: string) => message,
  download: (name: string, size: string) => `Download ${name} (${size})`,
  openImage: (name: string) => `Open the image ${name}`,
};

export const attachmentMessages = catalogue(en, {
  attach: 'Joindre un fichier',
  attachHint: 'Les types que ce widget accepte (images, PDF et texte sauf choix contraire d’un admin)',
  uploading: (name: string) => `Envoi de ${name}…`,
  cancel: 'Annuler',
  retry: 'Réessayer',
  dismiss: 'Fermer',
  sent: (name: string) => `${name} envoyé.`,
  failed: (name: string, reason: string) => `${name} n’a pas été envoyé : ${reason}`,
  tooLarge: 'le fichier est trop volumineux.',
  typeRefused: 'ce widget n’accepte pas ce type de fichier (ses réglages listent ceux qu’il accepte).',
  rateLimited: 'trop de fichiers d’un coup ; attendez une minute puis réessayez.',
  quarantined: 'l’antivirus a signalé ce fichier ; il est mis en quarantaine et n’a pas été envoyé.',
  scanUnavailable:
    'les fichiers ne peuvent pas être vérifiés par l’antivirus pour le moment (il ne répond pas) ; réessayez plus tard.',
  ended: 'la conversation est terminée.',
  network: 'le serveur est injoignable. Vérifiez votre connexion.',
  other: (message: string) => message,
  download: (name: string, size: string) => `Télécharger ${name} (${size})`,
  openImage: (name: string) => `Ouvrir l’image ${name}`,
});
