import {
  defaultObjectiveWindowHours,
  type Rule,
  type RuleCaps,
  type RuleInput,
  type RuleObjective,
  type RuleSmart,
  type RuleSplit,
} from '@beckon/protocol';
import { fromConditions, type GroupForm, newGroup, newRow, toConditions } from './condition-form.ts';

/** A number typed in a field; empty is NaN, so the schema names the field rather than taking 0. */
const numberOrNaN = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

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
  /** Drafts never run for live visitors; a published rule omits `status` unless it was stored. */
  draft: boolean;
  hadStatus: boolean;
  split: SplitForm;
  /** The queue a chat from the invitation goes to; '' for the widget's queue (no `queueId`). */
  queueId: string;
  smart: SmartForm;
}

/** Predicted-engagement options as edited; a rule without any keeps no `smart`. */
export interface SmartForm {
  off: boolean;
  bestMoment: boolean;
  maxDelaySeconds: string;
  /** Empty: no threshold. */
  inviteAtPercent: string;
}

function smartToForm(smart: RuleSmart | undefined): SmartForm {
  const moment = smart?.bestMoment;
  return {
    off: smart?.off === true,
    bestMoment: moment !== undefined,
    maxDelaySeconds: String(moment?.maxDelaySeconds ?? 60),
    inviteAtPercent: moment?.inviteAtPercent === undefined ? '' : String(moment.inviteAtPercent),
  };
}

function formToSmart(form: SmartForm): RuleSmart | undefined {
  const smart: RuleSmart = {};
  if (form.off) smart.off = true;
  if (form.bestMoment) {
    smart.bestMoment = {
      maxDelaySeconds: numberOrNaN(form.maxDelaySeconds),
      ...(form.inviteAtPercent.trim() === '' ? {} : { inviteAtPercent: Number(form.inviteAtPercent) }),
    };
  }
  return Object.keys(smart).length === 0 ? undefined : smart;
}

/** The A/B split as edited; `stored` keeps an untouched rule without a split unchanged. */
export interface SplitForm {
  holdoutPercent: string;
  variants: { id: string; text: string; weight: string }[];
  /** Thompson sampling picks each new visitor's variant instead of the weights. */
  optimise: boolean;
  /** What optimising maximises; the event and its window only for `event`. */
  objective: RuleObjective['kind'];
  objectiveEvent: string;
  objectiveWindowHours: string;
  stored: boolean;
}

function splitToForm(split: RuleSplit | undefined): SplitForm {
  return {
    holdoutPercent: String(split?.holdoutPercent ?? 0),
    variants: (split?.variants ?? []).map((variant) => ({
      id: variant.id,
      text: variant.message.text,
      weight: String(variant.weight),
    })),
    optimise: split?.optimise === true,
    objective: split?.objective?.kind ?? 'accepted',
    objectiveEvent: split?.objective?.kind === 'event' ? split.objective.event : '',
    objectiveWindowHours: String(
      split?.objective?.kind === 'event' ? split.objective.windowHours : defaultObjectiveWindowHours,
    ),
    stored: split !== undefined,
  };
}

function formToSplit(form: SplitForm): RuleSplit | undefined {
  const holdoutPercent = form.holdoutPercent.trim() === '' ? 0 : Number(form.holdoutPercent);
  if (!form.stored && holdoutPercent === 0 && form.variants.length === 0) return undefined;
  return {
    holdoutPercent,
    variants: form.variants.map((variant) => ({
      id: variant.id.trim(),
      message: { text: variant.text },
      weight: numberOrNaN(variant.weight),
    })),
    ...(form.optimise && { optimise: true }),
    ...(form.optimise && form.objective !== 'accepted' && { objective: formToObjective(form) }),
  };
}

/** The objective as edited; a blank window is the default, anything unreadable is left for the server to refuse. */
function formToObjective(form: SplitForm): RuleObjective {
  if (form.objective !== 'event') return { kind: form.objective };
  const hours = form.objectiveWindowHours.trim();
  return {
    kind: 'event',
    event: form.objectiveEvent.trim(),
    windowHours: hours === '' ? defaultObjectiveWindowHours : Number(hours),
  };
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
    draft: true,
    hadStatus: false,
    split: splitToForm(undefined),
    queueId: '',
    smart: smartToForm(undefined),
  };
}

/** A stored rule, or a `RuleInput` after `ruleInputSchema.parse` (defaults filled, conditions typed). */
export type RuleFields = Pick<
  Rule,
  | 'name'
  | 'enabled'
  | 'priority'
  | 'conditions'
  | 'message'
  | 'showPrechat'
  | 'caps'
  | 'status'
  | 'split'
  | 'queueId'
  | 'smart'
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
    draft: rule.status === 'draft',
    hadStatus: rule.status !== undefined,
    split: splitToForm(rule.split),
    queueId: rule.queueId ?? '',
    smart: smartToForm(rule.smart),
  };
}

export function formToRuleInput(form: RuleForm): RuleInput {
  const translations: Record<string, string> = { ...form.otherTranslations };
  if (form.textFr.trim() !== '') translations.fr = form.textFr;
  const hasTranslations = form.hadTranslations || Object.keys(translations).length > 0;
  const priority = numberOrNaN(form.priority);
  const input: RuleInput = {
    name: form.name.trim(),
    enabled: form.enabled,
    priority,
    conditions: toConditions(form.conditions),
    message: hasTranslations ? { text: form.text, translations } : { text: form.text },
    showPrechat: form.showPrechat,
  };
  const caps = formToCaps(form.caps);
  if (caps !== undefined) input.caps = caps;
  const split = formToSplit(form.split);
  if (split !== undefined) input.split = split;
  if (form.queueId !== '') input.queueId = form.queueId;
  const smart = formToSmart(form.smart);
  if (smart !== undefined) input.smart = smart;
  if (form.draft) input.status = 'draft';
  else if (form.hadStatus) input.status = 'published';
  return input;
}
