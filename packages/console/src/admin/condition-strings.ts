import type { Locale } from '@beckon/protocol/conditions';

const en = {
  not: 'Not',
  condition: 'Condition',
  remove: 'Remove',
  removeCondition: 'Remove condition',
  removeGroup: 'Remove group',
  addCondition: 'Add condition',
  addGroup: 'Add group',
  match: 'Match ',
  all: 'All of these are true',
  any: 'Any of these is true',
  rootGroup: 'Condition group',
  nestedGroup: 'Nested condition group, level {level}',
  emptyAll: 'No conditions: always true.',
  emptyAny: 'No conditions: never true.',
  everyDay: 'Every day',
  valueType: 'Value type',
  valueKinds: { string: 'text', number: 'number', boolean: 'yes / no', none: 'none' },
  yes: 'true',
  no: 'false',
};

/** The condition editor's own words (the conditions' words are in their descriptors). */
export const conditionStrings: Record<Locale, typeof en> = {
  en,
  fr: {
    not: 'Non',
    condition: 'Condition',
    remove: 'Retirer',
    removeCondition: 'Retirer la condition',
    removeGroup: 'Retirer le groupe',
    addCondition: 'Ajouter une condition',
    addGroup: 'Ajouter un groupe',
    match: 'Correspondance ',
    all: 'Toutes ces conditions sont vraies',
    any: 'Au moins une de ces conditions est vraie',
    rootGroup: 'Groupe de conditions',
    nestedGroup: 'Groupe de conditions imbriqué, niveau {level}',
    emptyAll: 'Aucune condition : toujours vrai.',
    emptyAny: 'Aucune condition : jamais vrai.',
    everyDay: 'Tous les jours',
    valueType: 'Type de valeur',
    valueKinds: { string: 'texte', number: 'nombre', boolean: 'oui / non', none: 'aucune' },
    yes: 'vrai',
    no: 'faux',
  },
};
