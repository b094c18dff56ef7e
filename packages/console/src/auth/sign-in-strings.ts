import type { Locale } from '@beckon/protocol/conditions';

/** The second sign-in step's text, English and French. */
export const signInStrings: Record<Locale, { code: string; codeHint: string }> = {
  en: {
    code: 'Authentication code',
    codeHint: 'The 6-digit code from your authenticator app, or one of your recovery codes.',
  },
  fr: {
    code: 'Code d’authentification',
    codeHint:
      'Le code à 6 chiffres de votre application d’authentification, ou l’un de vos codes de secours.',
  },
};
