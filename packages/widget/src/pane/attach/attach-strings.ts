import type { Locale } from '../../i18n.ts';

/** The words of attaching and showing files in the chat pane, kept apart from the pane's other strings. */
const en = {
  attach: 'Attach a file',
  caption: 'Caption (optional)',
  send: 'Send file',
  sending: 'Sending {name}… {percent} %',
  cancel: 'Cancel',
  retry: 'Try again',
  dismiss: 'Dismiss',
  dropHere: 'Drop the file to attach it',
  typeRefused: 'This kind of file cannot be sent here. Try an image, a PDF or a text file.',
  tooLarge: 'This file is too large to send.',
  tooLargeMax: 'This file is too large: files may be up to {size}.',
  tooMany: 'You have sent many files in a short time. Please wait a minute and try again.',
  quarantined: 'This file was blocked by a virus check and was not sent.',
  scanUnavailable:
    'Files cannot be checked for viruses right now, so they cannot be sent. Please try again later.',
  failed: 'The file could not be sent. Check your connection and try again.',
  cancelled: 'Sending cancelled.',
  openImage: 'Open the image {name}',
  closeImage: 'Close the image',
  download: 'Download {name} ({size})',
  pastedImage: 'Pasted image',
};
export type AttachStrings = typeof en;

export const attachStrings: Record<Locale, AttachStrings> = {
  en,
  fr: {
    attach: 'Joindre un fichier',
    caption: 'Légende (facultative)',
    send: 'Envoyer le fichier',
    sending: 'Envoi de {name}… {percent} %',
    cancel: 'Annuler',
    retry: 'Réessayer',
    dismiss: 'Fermer',
    dropHere: 'Déposez le fichier pour le joindre',
    typeRefused:
      'Ce type de fichier ne peut pas être envoyé ici. Essayez une image, un PDF ou un fichier texte.',
    tooLarge: 'Ce fichier est trop gros pour être envoyé.',
    tooLargeMax: 'Ce fichier est trop gros : {size} au plus.',
    tooMany: 'Vous avez envoyé beaucoup de fichiers en peu de temps. Attendez une minute puis réessayez.',
    quarantined: 'Ce fichier a été bloqué par l’antivirus et n’a pas été envoyé.',
    scanUnavailable:
      'Les fichiers ne peuvent pas être vérifiés par l’antivirus pour le moment : réessayez plus tard.',
    failed: 'Le fichier n’a pas pu être envoyé. Vérifiez votre connexion et réessayez.',
    cancelled: 'Envoi annulé.',
    openImage: 'Ouvrir l’image {name}',
    closeImage: 'Fermer l’image',
    download: 'Télécharger {name} ({size})',
    pastedImage: 'Image collée',
  },
};
