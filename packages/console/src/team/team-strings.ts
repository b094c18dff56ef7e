import type { Role } from '@beckon/protocol';
import type { Locale } from '@beckon/protocol/conditions';

/** The Team screen's text, English and French. */
export interface TeamStrings {
  title: string;
  loading: string;
  name: string;
  email: string;
  role: string;
  status: string;
  lastSignIn: string;
  never: string;
  twoFactor: string;
  on: string;
  off: string;
  policy: string;
  policyHint: string;
  actions: string;
  roles: Record<Role, string>;
  active: string;
  disabled: string;
  mustChangePassword: string;
  roleOf(name: string): string;
  disable: string;
  enable: string;
  resetPassword: string;
  temporaryPassword: string;
  temporaryHint: string;
  setTemporary: string;
  cancel: string;
  remove: string;
  confirmDelete(name: string): string;
  deleteExplained: string;
  confirm: string;
  you: string;
  create: string;
  password: string;
  add: string;
  done(name: string): string;
}

const en: TeamStrings = {
  title: 'Team',
  loading: 'Loading the team…',
  name: 'Name',
  email: 'Email',
  role: 'Role',
  status: 'Status',
  lastSignIn: 'Last sign-in',
  never: 'never',
  twoFactor: 'Two-factor',
  on: 'On',
  off: 'Off',
  policy: 'Roles that must use two-factor sign-in',
  policyHint: 'Their members who have not turned it on are made to at their next sign-in.',
  actions: 'Actions',
  roles: { admin: 'Admin', supervisor: 'Supervisor', agent: 'Agent' },
  active: 'Active',
  disabled: 'Disabled',
  mustChangePassword: 'must change password',
  roleOf: (name) => `Role of ${name}`,
  disable: 'Disable',
  enable: 'Enable',
  resetPassword: 'Reset password',
  temporaryPassword: 'Temporary password',
  temporaryHint:
    'At least 8 characters. Give it to them yourself: they must choose their own at their next sign-in.',
  setTemporary: 'Set temporary password',
  cancel: 'Cancel',
  remove: 'Delete',
  confirmDelete: (name) => `Delete ${name}?`,
  deleteExplained:
    'They are signed out at once and can never sign in again. Their name and email are removed. Their conversations stay; the messages they wrote keep their text and show “Former agent” as the author.',
  confirm: 'Delete for good',
  you: '(you)',
  create: 'Add a team member',
  password: 'Password',
  add: 'Add',
  done: (name) => `${name}: saved.`,
};

const fr: TeamStrings = {
  title: 'Équipe',
  loading: 'Chargement de l’équipe…',
  name: 'Nom',
  email: 'E-mail',
  role: 'Rôle',
  status: 'Statut',
  lastSignIn: 'Dernière connexion',
  never: 'jamais',
  twoFactor: 'Deux étapes',
  on: 'Activée',
  off: 'Désactivée',
  policy: 'Rôles qui doivent utiliser la connexion en deux étapes',
  policyHint: 'Leurs membres qui ne l’ont pas activée doivent le faire à leur prochaine connexion.',
  actions: 'Actions',
  roles: { admin: 'Administrateur', supervisor: 'Superviseur', agent: 'Agent' },
  active: 'Actif',
  disabled: 'Désactivé',
  mustChangePassword: 'doit changer son mot de passe',
  roleOf: (name) => `Rôle de ${name}`,
  disable: 'Désactiver',
  enable: 'Réactiver',
  resetPassword: 'Réinitialiser le mot de passe',
  temporaryPassword: 'Mot de passe temporaire',
  temporaryHint:
    'Au moins 8 caractères. Transmettez-le vous-même : la personne devra choisir le sien à sa prochaine connexion.',
  setTemporary: 'Définir le mot de passe temporaire',
  cancel: 'Annuler',
  remove: 'Supprimer',
  confirmDelete: (name) => `Supprimer ${name} ?`,
  deleteExplained:
    'La personne est déconnectée aussitôt et ne pourra plus jamais se connecter. Son nom et son e-mail sont effacés. Ses conversations restent ; les messages qu’elle a écrits gardent leur texte et affichent « Ancien agent » comme auteur.',
  confirm: 'Supprimer définitivement',
  you: '(vous)',
  create: 'Ajouter un membre',
  password: 'Mot de passe',
  add: 'Ajouter',
  done: (name) => `${name} : enregistré.`,
};

export const teamStrings: Record<Locale, TeamStrings> = { en, fr };
