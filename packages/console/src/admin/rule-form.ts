import type { Rule, RuleCaps, RuleInput } from '@beckon/protocol';
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
  caps: CapsForm;
}

/** Per-rule caps as edited; `stored` says the rule named caps, so an untouched rule without them stays so. */
export interface CapsForm {
  perPage: boolean;
  perVisit: boolean;
  perVisitor: boolean;
  /** Empty: no daily cap. */
  perDay: string;
  stored: boolean;
}

function capsToForm(caps: RuleCaps | undefined): CapsForm {
  // A rule without caps behaves as once per visit: show that, rather than no cap at all.
  const shown = caps ?? { perVisit: true };
  return {
    perPage: shown.perPage === true,
    perVisit: shown.perVisit === true,
    perVisitor: shown.perVisitor === true,
    perDay: shown.perDay === undefined ? '' : String(shown.perDay),
    stored: caps !== undefined,
  };
}

function formToCaps(form: CapsForm): RuleCaps | undefined {
  const caps: RuleCaps = {};
  if (form.perPage) caps.perPage = true;
  if (form.perVisit) caps.perVisit = true;
  if (form.perVisitor) caps.perVisitor = true;
  if (form.perDay.trim() !== '') caps.perDay = Number(form.perDay);
  const isDefault = Object.keys(caps).length === 1 && caps.perVisit === true;
  return !form.stored && isDefault ? undefined : caps;
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
    caps: capsToForm(undefined),
  };
}

/** A stored rule, or a `RuleInput` after `ruleInputSchema.parse` (defaults filled, conditions typed). */
export type RuleFields = Pick<
  Rule,
  'name' | 'enabled' | 'priority' | 'conditions' | 'message' | 'showPrechat' | 'caps'
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
    caps: capsToForm(rule.caps),
  };
}

export function formToRuleInput(form: RuleForm): RuleInput {
  const translations: Record<string, string> = { ...form.otherTranslations };
  if (form.textFr.trim() !== '') translations.fr = form.textFr;
  const hasTranslations = form.hadTranslations || Object.keys(translations).length > 0;
  const priority = form.priority.trim() === '' ? Number.NaN : Number(form.priority);
  const input: RuleInput = {
    name: form.name.trim(),
    enabled: form.enabled,
    priority,
    conditions: toConditions(form.conditions),
    message: hasTranslations ? { text: form.text, translations } : { text: form.text },
    showPrechat: form.showPrechat,
  };
  const caps = formToCaps(form.caps);
  return caps === undefined ? input : { ...input, caps };
}
