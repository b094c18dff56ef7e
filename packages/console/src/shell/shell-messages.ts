import { catalogue } from '../i18n/messages.ts';

export const shellMessages = catalogue(
  {
    product: 'Beckon',
    loading: 'Loading…',
    navigation: 'Main',
    skipToContent: 'Skip to content',
    connected: 'Connected',
    connecting: 'Connecting…',
    reconnecting: 'Reconnecting…',
    userMenu: (name: string) => `Account menu for ${name}`,
    language: 'Language',
    signOut: 'Sign out',
    pendingOffers: (count: number) => `${count} incoming chat${count === 1 ? '' : 's'}`,
    roles: (role: 'agent' | 'supervisor' | 'admin') =>
      ({ agent: 'Agent', supervisor: 'Supervisor', admin: 'Administrator' })[role],
  },
  {
    product: 'Beckon',
    loading: 'Chargement…',
    navigation: 'Principale',
    skipToContent: 'Aller au contenu',
    connected: 'Connecté',
    connecting: 'Connexion…',
    reconnecting: 'Reconnexion…',
    userMenu: (name: string) => `Menu du compte de ${name}`,
    language: 'Langue',
    signOut: 'Se déconnecter',
    pendingOffers: (count: number) =>
      `${count} discussion${count === 1 ? '' : 's'} entrante${count === 1 ? '' : 's'}`,
    roles: (role: 'agent' | 'supervisor' | 'admin') =>
      ({ agent: 'Agent', supervisor: 'Superviseur', admin: 'Administrateur' })[role],
  },
);
