import type { Locale } from '@beckon/protocol/conditions';

/** The second sign-in step's text, English and French. */
export const signInStrings: Record<
  Locale,
  {
    code: string;
    codeHint: string;
    withProvider: (name: string) => string;
    or: string;
    ssoErrors: Record<'SSO_FAILED' | 'SSO_NO_ROLE' | 'SSO_NOT_CONFIGURED', string>;
  }
> = {
  en: {
    withProvider: (name) => `Sign in with ${name}`,
    or: 'or with your password',
    ssoErrors: {
      SSO_FAILED:
        'Single sign-on did not complete: it may have expired, been refused, or your account may be disabled. Try again, or ask an admin.',
      SSO_NO_ROLE:
        'Your company account has no Beckon role yet. Ask your administrator to add you to a Beckon group.',
      SSO_NOT_CONFIGURED: 'Single sign-on is not set up on this installation.',
    },
    code: 'Authentication code',
    codeHint: 'The 6-digit code from your authenticator app, or one of your recovery codes.',
  },
  fr: {
    withProvider: (name) => `Se connecter avec ${name}`,
    or: 'ou avec votre mot de passe',
    ssoErrors: {
      SSO_FAILED:
        'La connexion unique n’a pas abouti : elle a pu expirer ou être refusée, ou votre compte est désactivé. Réessayez ou demandez à un administrateur.',
      SSO_NO_ROLE:
        'Votre compte d’entreprise n’a pas encore de rôle Beckon. Demandez à votre administrateur de vous ajouter à un groupe Beckon.',
      SSO_NOT_CONFIGURED: 'La connexion unique n’est pas configurée sur cette installation.',
    },
    code: 'Code d’authentification',
    codeHint:
      'Le code à 6 chiffres de votre application d’authentification, ou l’un de vos codes de secours.',
  },
};
