import { catalogue } from '../i18n/messages.ts';

type Subject = 'customer' | 'visitor';

/** The Privacy screen's text and the customer panel's export and erase, English and French. */
export const privacyMessages = catalogue(
  {
    title: 'Privacy',
    retentionHeading: 'How long data is kept',
    retentionIntro:
      'Older data is deleted every hour on every node. “Keep forever” turns deletion off for that kind.',
    kind: (kind: string) =>
      ({
        pageViews: 'Pages visited',
        events: 'Tracked events',
        messages: 'Chat messages',
        conversations: 'Conversations (with their messages, invitations and surveys)',
        audit: 'Audit log',
        webhookDeliveries: 'Webhook deliveries (sent or given up)',
      })[kind] ?? kind,
    days: 'Days',
    keepForever: 'Keep forever',
    defaultIs: (days: number | null) => (days === null ? 'Default: keep forever.' : `Default: ${days} days.`),
    daysRange: 'A whole number of days from 1 to 36,500.',
    save: 'Save retention',
    loading: 'Loading…',
    auditHeading: 'Audit log',
    auditIntro: 'Every change an admin made, and every purge, newest first.',
    when: 'When',
    who: 'Who',
    action: 'Action',
    target: 'Target',
    details: 'Details',
    system: 'Beckon (scheduled)',
    noEntries: 'No entries.',
    older: 'Show older entries',
    noOlder: 'No older entries.',
    personHeading: 'One person’s data',
    personIntro:
      'Export everything Beckon holds about a customer or a visitor as a JSON file, or erase it everywhere.',
    subjectType: 'Kind',
    subject: (type: Subject) => (type === 'customer' ? 'Customer' : 'Visitor'),
    subjectId: 'Id',
    subjectIdHint: 'A customer id (cus_…) or a visitor id (vis_…).',
    exportData: 'Export data',
    erase: 'Erase',
    exported: (id: string) => `The export of ${id} was downloaded.`,
    confirmErase: (name: string) => `Erase ${name}?`,
    eraseExplained: (type: Subject) =>
      type === 'customer'
        ? 'This deletes the customer record and every visitor linked to it: their pages visited, tracked events, invitations, conversations with their transcripts, post-chat surveys and wrap-ups. Open chats end at once and their sockets close. This cannot be undone.'
        : 'This deletes the visitor: their pages visited, tracked events, invitations, conversations with their transcripts, post-chat surveys and wrap-ups. An open chat ends at once and the visitor’s sockets close. This cannot be undone.',
    confirmEraseButton: 'Erase for good',
    cancel: 'Cancel',
    erased: (visitors: number, conversations: number, messages: number) =>
      `Erased: ${visitors} visitor(s), ${conversations} conversation(s), ${messages} message(s).`,
    needId: 'Type the id first.',
  },
  {
    title: 'Confidentialité',
    retentionHeading: 'Durée de conservation des données',
    retentionIntro:
      'Les données plus anciennes sont supprimées toutes les heures sur chaque nœud. « Conserver indéfiniment » arrête la suppression pour ce type.',
    kind: (kind: string) =>
      ({
        pageViews: 'Pages visitées',
        events: 'Événements suivis',
        messages: 'Messages des discussions',
        conversations: 'Discussions (avec leurs messages, invitations et enquêtes)',
        audit: 'Journal d’audit',
        webhookDeliveries: 'Envois des webhooks (envoyés ou abandonnés)',
      })[kind] ?? kind,
    days: 'Jours',
    keepForever: 'Conserver indéfiniment',
    defaultIs: (days: number | null) =>
      days === null ? 'Par défaut : conservé indéfiniment.' : `Par défaut : ${days} jours.`,
    daysRange: 'Un nombre entier de jours, de 1 à 36 500.',
    save: 'Enregistrer la conservation',
    loading: 'Chargement…',
    auditHeading: 'Journal d’audit',
    auditIntro:
      'Chaque modification faite par un administrateur, et chaque purge, de la plus récente à la plus ancienne.',
    when: 'Date',
    who: 'Auteur',
    action: 'Action',
    target: 'Cible',
    details: 'Détails',
    system: 'Beckon (planifié)',
    noEntries: 'Aucune entrée.',
    older: 'Afficher les entrées plus anciennes',
    noOlder: 'Aucune entrée plus ancienne.',
    personHeading: 'Les données d’une personne',
    personIntro:
      'Exportez tout ce que Beckon détient sur un client ou un visiteur dans un fichier JSON, ou effacez-le partout.',
    subjectType: 'Type',
    subject: (type: Subject) => (type === 'customer' ? 'Client' : 'Visiteur'),
    subjectId: 'Identifiant',
    subjectIdHint: 'Un identifiant de client (cus_…) ou de visiteur (vis_…).',
    exportData: 'Exporter les données',
    erase: 'Effacer',
    exported: (id: string) => `L’export de ${id} a été téléchargé.`,
    confirmErase: (name: string) => `Effacer ${name} ?`,
    eraseExplained: (type: Subject) =>
      type === 'customer'
        ? 'Cela supprime la fiche client et chaque visiteur qui y est lié : pages visitées, événements suivis, invitations, discussions avec leurs transcriptions, enquêtes de satisfaction et clôtures. Les discussions ouvertes se terminent aussitôt et leurs connexions se ferment. C’est définitif.'
        : 'Cela supprime le visiteur : pages visitées, événements suivis, invitations, discussions avec leurs transcriptions, enquêtes de satisfaction et clôtures. Une discussion ouverte se termine aussitôt et les connexions du visiteur se ferment. C’est définitif.',
    confirmEraseButton: 'Effacer définitivement',
    cancel: 'Annuler',
    erased: (visitors: number, conversations: number, messages: number) =>
      `Effacé : ${visitors} visiteur(s), ${conversations} discussion(s), ${messages} message(s).`,
    needId: 'Saisissez d’abord l’identifiant.',
  },
);
