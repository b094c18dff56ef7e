import type { ConditionNode, LeafCondition } from '@beckon/protocol';
import {
  defaultMoreLeaf,
  type MoreLeafDraft,
  moreDraftToLeaf,
  moreLeafToDraft,
  moreLeafTypeLabels,
} from './condition-form-more.ts';

/**
 * The condition-tree editor's form state, and its exact conversion to and from the rule's `conditions` JSON.
 * Inputs stay strings while they are typed; numbers are parsed on the way out (an unparsable one becomes NaN,
 * which `ruleInputSchema` then reports). `fromConditions(c)` then `toConditions` gives back `c`.
 */

type Leaf<T extends LeafCondition['type']> = Extract<LeafCondition, { type: T }>;
export type LeafType = LeafCondition['type'];
export type NumericOp = Leaf<'timeOnPage'>['op'];
export type UrlOp = Leaf<'currentUrl'>['op'];
export type ContextOp = Leaf<'context'>['op'];
export type ContextValueKind = 'none' | 'string' | 'number' | 'boolean';

export type LeafDraft =
  | { type: 'currentUrl'; op: UrlOp; value: string }
  | { type: 'timeOnPage'; op: NumericOp; seconds: string }
  | { type: 'timeOnSite'; op: NumericOp; seconds: string }
  | { type: 'visitCount'; op: NumericOp; value: string }
  | {
      type: 'executionWindow';
      timeZone: string;
      from: string;
      to: string;
      /** true ↔ `days` absent (every day). */
      everyDay: boolean;
      days: number[];
      startTime: string;
      endTime: string;
    }
  | { type: 'country'; op: Leaf<'country'>['op']; values: string }
  | { type: 'context'; name: string; op: ContextOp; valueKind: ContextValueKind; value: string }
  | { type: 'operatingHours'; state: Leaf<'operatingHours'>['state'] }
  | MoreLeafDraft;

export interface RowForm {
  kind: 'row';
  key: string;
  negated: boolean;
  leaf: LeafDraft;
}

export interface GroupForm {
  kind: 'group';
  key: string;
  op: 'all' | 'any';
  negated: boolean;
  /**
   * Set when the JSON had no group here (a bare condition at the root, or `not` of a `not`): with one child
   * the group is written back as that child alone, so the JSON is unchanged.
   */
  collapseSingle: boolean;
  children: NodeForm[];
}

export type NodeForm = RowForm | GroupForm;

export const leafTypeLabels: Record<LeafType, string> = {
  currentUrl: 'Current URL',
  timeOnPage: 'Time on page',
  timeOnSite: 'Time on site',
  visitCount: 'Number of visits',
  executionWindow: 'Execution window',
  country: 'Country',
  context: 'Context variable',
  operatingHours: 'Operating hours',
  ...moreLeafTypeLabels,
};

let keyCounter = 0;
export function nextKey(): string {
  keyCounter += 1;
  return `n${keyCounter}`;
}

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function defaultLeaf(type: LeafType): LeafDraft {
  switch (type) {
    case 'currentUrl':
      return { type, op: 'contains', value: '' };
    case 'timeOnPage':
      return { type, op: 'gte', seconds: '30' };
    case 'timeOnSite':
      return { type, op: 'gte', seconds: '60' };
    case 'visitCount':
      return { type, op: 'gte', value: '2' };
    case 'executionWindow':
      return {
        type,
        timeZone: browserTimeZone(),
        from: '',
        to: '',
        everyDay: false,
        days: [1, 2, 3, 4, 5],
        startTime: '09:00',
        endTime: '18:00',
      };
    case 'country':
      return { type, op: 'in', values: '' };
    case 'context':
      return { type, name: '', op: 'eq', valueKind: 'string', value: '' };
    case 'operatingHours':
      return { type, state: 'open' };
    default:
      return defaultMoreLeaf(type);
  }
}

export function newRow(type: LeafType = 'currentUrl'): RowForm {
  return { kind: 'row', key: nextKey(), negated: false, leaf: defaultLeaf(type) };
}

export function newGroup(op: 'all' | 'any' = 'all', children: NodeForm[] = []): GroupForm {
  return { kind: 'group', key: nextKey(), op, negated: false, collapseSingle: false, children };
}

function leafToDraft(leaf: LeafCondition): LeafDraft {
  switch (leaf.type) {
    case 'currentUrl':
      return { type: leaf.type, op: leaf.op, value: leaf.value };
    case 'timeOnPage':
    case 'timeOnSite':
      return { type: leaf.type, op: leaf.op, seconds: String(leaf.seconds) };
    case 'visitCount':
      return { type: leaf.type, op: leaf.op, value: String(leaf.value) };
    case 'executionWindow':
      return {
        type: leaf.type,
        timeZone: leaf.timeZone,
        from: leaf.from ?? '',
        to: leaf.to ?? '',
        everyDay: leaf.days === undefined,
        days: leaf.days ?? [],
        startTime: leaf.startTime ?? '',
        endTime: leaf.endTime ?? '',
      };
    case 'country':
      return { type: leaf.type, op: leaf.op, values: leaf.values.join(', ') };
    case 'context': {
      const v = leaf.value;
      const valueKind: ContextValueKind =
        v === undefined
          ? 'none'
          : typeof v === 'number'
            ? 'number'
            : typeof v === 'boolean'
              ? 'boolean'
              : 'string';
      return {
        type: leaf.type,
        name: leaf.name,
        op: leaf.op,
        valueKind,
        value: v === undefined ? '' : String(v),
      };
    }
    case 'operatingHours':
      return { type: leaf.type, state: leaf.state };
    default:
      return moreLeafToDraft(leaf);
  }
}

function toNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text.trim());
}

function draftToLeaf(draft: LeafDraft): LeafCondition {
  switch (draft.type) {
    case 'currentUrl':
      return { type: draft.type, op: draft.op, value: draft.value.trim() };
    case 'timeOnPage':
    case 'timeOnSite':
      return { type: draft.type, op: draft.op, seconds: toNumber(draft.seconds) };
    case 'visitCount':
      return { type: draft.type, op: draft.op, value: toNumber(draft.value) };
    case 'executionWindow': {
      const leaf: Leaf<'executionWindow'> = { type: draft.type, timeZone: draft.timeZone.trim() };
      if (draft.from) leaf.from = draft.from;
      if (draft.to) leaf.to = draft.to;
      if (!draft.everyDay) leaf.days = [...draft.days];
      if (draft.startTime) leaf.startTime = draft.startTime;
      if (draft.endTime) leaf.endTime = draft.endTime;
      return leaf;
    }
    case 'country':
      return {
        type: draft.type,
        op: draft.op,
        values: draft.values
          .split(/[\s,;]+/)
          .map((code) => code.trim().toUpperCase())
          .filter((code) => code !== ''),
      };
    case 'context': {
      const leaf: Leaf<'context'> = { type: draft.type, name: draft.name.trim(), op: draft.op };
      if (draft.valueKind === 'string') leaf.value = draft.value;
      else if (draft.valueKind === 'number') leaf.value = toNumber(draft.value);
      else if (draft.valueKind === 'boolean') leaf.value = draft.value === 'true';
      return leaf;
    }
    case 'operatingHours':
      return { type: draft.type, state: draft.state };
    default:
      return moreDraftToLeaf(draft);
  }
}

function nodeToForm(node: ConditionNode): NodeForm {
  if (node.type === 'all' || node.type === 'any') {
    return { ...newGroup(node.type), children: node.conditions.map(nodeToForm) };
  }
  if (node.type === 'not') {
    const inner = nodeToForm(node.condition);
    if (!inner.negated) return { ...inner, negated: true };
    return { ...newGroup('all', [inner]), negated: true, collapseSingle: true };
  }
  return { kind: 'row', key: nextKey(), negated: false, leaf: leafToDraft(node) };
}

function formToNode(form: NodeForm): ConditionNode {
  let body: ConditionNode;
  if (form.kind === 'row') body = draftToLeaf(form.leaf);
  else if (form.collapseSingle && form.children.length === 1) body = formToNode(form.children[0]!);
  else body = { type: form.op, conditions: form.children.map(formToNode) };
  return form.negated ? { type: 'not', condition: body } : body;
}

/** The editor always shows a group at the root. */
export function fromConditions(conditions: ConditionNode): GroupForm {
  const form = nodeToForm(conditions);
  if (form.kind === 'group') return form;
  return { ...newGroup('all', [form]), collapseSingle: true };
}

export function toConditions(form: GroupForm): ConditionNode {
  return formToNode(form);
}
