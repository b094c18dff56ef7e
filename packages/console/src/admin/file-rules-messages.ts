import type { FileType } from '@beckon/protocol';
import { catalogue } from '../i18n/messages.ts';

/** The widget settings' Files fieldset. */
export const fileRulesMessages = catalogue(
  {
    legend: 'Files in chats',
    hint: 'What visitors and agents may send in this widget’s chats. The server reads each file’s type from its content, not its name; other files are refused.',
    maxSize: 'Largest file (MB)',
    maxSizeHint: '10 MB by default; the installation’s own limit still applies.',
    types: 'Allowed types',
    none: 'Nothing checked: no file can be sent.',
  },
  {
    legend: 'Fichiers dans les discussions',
    hint: 'Ce que visiteurs et agents peuvent envoyer dans les discussions de ce widget. Le serveur lit le type de chaque fichier dans son contenu, pas dans son nom ; les autres fichiers sont refusés.',
    maxSize: 'Fichier le plus gros (Mo)',
    maxSizeHint: '10 Mo par défaut ; la limite propre à l’installation s’applique toujours.',
    types: 'Types autorisés',
    none: 'Rien de coché : aucun fichier ne peut être envoyé.',
  },
);

/** Each type's name in both languages, in the order shown. */
export const fileTypeNames: Record<FileType, { en: string; fr: string }> = {
  'image/png': { en: 'PNG images', fr: 'Images PNG' },
  'image/jpeg': { en: 'JPEG photos', fr: 'Photos JPEG' },
  'image/gif': { en: 'GIF images', fr: 'Images GIF' },
  'image/webp': { en: 'WebP images', fr: 'Images WebP' },
  'application/pdf': { en: 'PDF documents', fr: 'Documents PDF' },
  'text/plain': { en: 'Plain text', fr: 'Texte brut' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    en: 'Word documents (.docx)',
    fr: 'Documents Word (.docx)',
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    en: 'Excel workbooks (.xlsx)',
    fr: 'Classeurs Excel (.xlsx)',
  },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    en: 'PowerPoint presentations (.pptx)',
    fr: 'Présentations PowerPoint (.pptx)',
  },
  'application/vnd.oasis.opendocument.text': { en: 'OpenDocument text', fr: 'Textes OpenDocument' },
  'application/vnd.oasis.opendocument.spreadsheet': {
    en: 'OpenDocument spreadsheets',
    fr: 'Classeurs OpenDocument',
  },
  'application/vnd.oasis.opendocument.presentation': {
    en: 'OpenDocument presentations',
    fr: 'Présentations OpenDocument',
  },
  'application/x-cfb': {
    en: 'Older Office files (.doc, .xls, .ppt)',
    fr: 'Anciens fichiers Office (.doc, .xls, .ppt)',
  },
};
