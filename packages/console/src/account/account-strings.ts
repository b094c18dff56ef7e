import type { Locale } from '@beckon/protocol/conditions';

/** The My account screen's text and the console's session messages, English and French. */
export interface AccountStrings {
  title: string;
  mustChange: string;
  mustEnrol: string;
  twoFactor: string;
  twoFactorOff: string;
  twoFactorOn(left: number): string;
  turnOn: string;
  scan: string;
  qrAlt: string;
  secretLabel: string;
  code: string;
  confirm: string;
  recoveryTitle: string;
  recoveryHint: string;
  done: string;
  turnOff: string;
  password: string;
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
  /** On the sign-in screen after the server ended the session (close code 4003). */
  sessionEnded: string;
  /** The author of a message whose agent account was deleted. */
  formerAgent: string;
}

const en: AccountStrings = {
  title: 'My account',
  mustChange: 'An admin gave you a temporary password. Choose your own to continue.',
  mustEnrol: 'Your role must use two-factor sign-in. Turn it on to continue.',
  twoFactor: 'Two-factor sign-in',
  twoFactorOff: 'Off: signing in needs only your password.',
  twoFactorOn: (left) =>
    `On: signing in needs a code from your authenticator app. Recovery codes left: ${left}.`,
  turnOn: 'Turn on two-factor sign-in',
  scan: 'Scan this QR code with your authenticator app, or type the key, then enter the code it shows.',
  qrAlt: 'QR code for your authenticator app',
  secretLabel: 'Key',
  code: '6-digit code',
  confirm: 'Confirm',
  recoveryTitle: 'Recovery codes',
  recoveryHint:
    'Keep these somewhere safe. Each signs you in once if you lose your phone. They are not shown again.',
  done: 'I have saved them',
  turnOff: 'Turn off two-factor sign-in',
  password: 'Current password',
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
  mustEnrol: 'Votre rôle exige la connexion en deux étapes. Activez-la pour continuer.',
  twoFactor: 'Connexion en deux étapes',
  twoFactorOff: 'Désactivée : la connexion ne demande que votre mot de passe.',
  twoFactorOn: (left) =>
    `Activée : la connexion demande un code de votre application d’authentification. Codes de secours restants : ${left}.`,
  turnOn: 'Activer la connexion en deux étapes',
  scan: 'Scannez ce QR code avec votre application d’authentification, ou saisissez la clé, puis entrez le code affiché.',
  qrAlt: 'QR code pour votre application d’authentification',
  secretLabel: 'Clé',
  code: 'Code à 6 chiffres',
  confirm: 'Confirmer',
  recoveryTitle: 'Codes de secours',
  recoveryHint:
    'Gardez-les en lieu sûr. Chacun vous connecte une fois si vous perdez votre téléphone. Ils ne seront plus affichés.',
  done: 'Je les ai enregistrés',
  turnOff: 'Désactiver la connexion en deux étapes',
  password: 'Mot de passe actuel',
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
