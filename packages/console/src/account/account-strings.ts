import type { Locale } from '@beckon/protocol/conditions';

/** The My account screen's text and the console's session messages, English and French. */
export interface AccountStrings {
  title: string;
  mustChange: string;
  changePassword: string;
  currentPassword: string;
  newPassword: string;
  newPasswordHint: string;
  save: string;
  saving: string;
  changed: string;
  sessions: string;
  sessionsHint: string;
  signOutOthers: string;
  signedOutOthers: string;
  /** On the sign-in screen after the server ended the session (close code 4002). */
  sessionEnded: string;
  /** The author of a message whose agent account was deleted. */
  formerAgent: string;
}

const en: AccountStrings = {
  title: 'My account',
  mustChange: 'An admin gave you a temporary password. Choose your own to continue.',
  changePassword: 'Change password',
  currentPassword: 'Current password',
  newPassword: 'New password',
  newPasswordHint: 'At least 8 characters. Your other sessions are signed out.',
  save: 'Change password',
  saving: 'Saving…',
  changed: 'Password changed. Your other sessions were signed out.',
  sessions: 'Sessions',
  sessionsHint: 'Signs you out on every other browser and device; this one stays signed in.',
  signOutOthers: 'Sign out other sessions',
  signedOutOthers: 'Your other sessions were signed out.',
  sessionEnded:
    'Your session has ended: you were signed out, it expired, or an admin changed your account. Please sign in again.',
  formerAgent: 'Former agent',
};

const fr: AccountStrings = {
  title: 'Mon compte',
  mustChange:
    'Un administrateur vous a donné un mot de passe temporaire. Choisissez le vôtre pour continuer.',
  changePassword: 'Changer de mot de passe',
  currentPassword: 'Mot de passe actuel',
  newPassword: 'Nouveau mot de passe',
  newPasswordHint: 'Au moins 8 caractères. Vos autres sessions sont déconnectées.',
  save: 'Changer de mot de passe',
  saving: 'Enregistrement…',
  changed: 'Mot de passe changé. Vos autres sessions ont été déconnectées.',
  sessions: 'Sessions',
  sessionsHint: 'Vous déconnecte sur tous les autres navigateurs et appareils ; celui-ci reste connecté.',
  signOutOthers: 'Déconnecter les autres sessions',
  signedOutOthers: 'Vos autres sessions ont été déconnectées.',
  sessionEnded:
    'Votre session a pris fin : vous avez été déconnecté, elle a expiré, ou un administrateur a modifié votre compte. Reconnectez-vous.',
  formerAgent: 'Ancien agent',
};

export const accountStrings: Record<Locale, AccountStrings> = { en, fr };
