import type { Rule, RuleInput } from '@beckon/protocol';
import { fromConditions, type GroupForm, newGroup, newRow, toConditions } from './condition-form.ts';

/** The rule editor's form state and its conversion to the `RuleInput` body (exact round trip). */
export interface RuleForm {
  name: string;
  priority: string;
  enabled: boolean;
  text: string;
  /** The French translation; other languages are kept as they are. */
  textFr: string;
  otherTranslations: Record<string, string>;
  hadTranslations: boolean;
  showPrechat: boolean;
  conditions: GroupForm;
}

export function newRuleForm(): RuleForm {
  return {
    name: '',
    priority: '100',
    enabled: true,
    text: 'Hi! Have any questions? I’m here to help.',
    textFr: '',
    otherTranslations: {},
    hadTranslations: false,
    showPrechat: false,
    conditions: newGroup('all', [newRow('currentUrl')]),
  };
}

/** A stored rule, or a `RuleInput` after `ruleInputSchema.parse` (defaults filled, conditions typed). */
export type RuleFields = Pick<
  Rule,
  'name' | 'enabled' | 'priority' | 'conditions' | 'message' | 'showPrechat'
>;

export function ruleToForm(rule: RuleFields): RuleForm {
  const { fr, ...otherTranslations } = rule.message.translations ?? {};
  return {
    name: rule.name,
    priority: String(rule.priority),
    enabled: rule.enabled,
    text: rule.message.text,
    textFr: fr ?? '',
    otherTranslations,
    hadTranslations: rule.message.translations !== undefined,
    showPrechat: rule.showPrechat,
    conditions: fromConditions(rule.conditions),
  };
}

export function formToRuleInput(form: RuleForm): RuleInput {
  const translations: Record<string, string> = { ...form.otherTranslations };
  if (form.textFr.trim() !== '') translations.fr = form.textFr;
  const hasTranslations = form.hadTranslations || Object.keys(translations).length > 0;
  const priority = form.priority.trim() === '' ? Number.NaN : Number(form.priority);
  return {
    name: form.name.trim(),
    enabled: form.enabled,
    priority,
    conditions: toConditions(form.conditions),
    message: hasTranslations ? { text: form.text, translations } : { text: form.text },
    showPrechat: form.showPrechat,
  };
}
