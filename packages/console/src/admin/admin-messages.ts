import { catalogue } from '../i18n/messages.ts';

/** The texts of the admin screens' frames (widget lists and pickers); each section keeps its own. */
export const adminMessages = catalogue(
  {
    loading: 'Loading…',
    widgets: 'Widgets',
    noWidgets: 'No widgets yet.',
    pickWidget: 'Pick a widget.',
    widget: 'Widget',
    proactiveOn: 'Proactive on',
    proactiveOff: 'Proactive off',
  },
  {
    loading: 'Chargement…',
    widgets: 'Widgets',
    noWidgets: 'Aucun widget pour l’instant.',
    pickWidget: 'Choisissez un widget.',
    widget: 'Widget',
    proactiveOn: 'Proactif activé',
    proactiveOff: 'Proactif désactivé',
  },
);
