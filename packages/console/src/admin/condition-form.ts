import type { ConditionNode } from '@beckon/protocol';
import type { ConditionType } from '@beckon/protocol/conditions';
import { draftToLeaf, initialDraft, type LeafDraft, leafToDraft } from './condition-draft.ts';

/**
 * The condition-tree editor's form state, and its exact conversion to and from the rule's `conditions` JSON.
 * Each leaf is a `LeafDraft` (condition-draft.ts); `fromConditions(c)` then `toConditions` gives back `c`.
 */

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

let keyCounter = 0;
export function nextKey(): string {
  keyCounter += 1;
  return `n${keyCounter}`;
}

export function newRow(type: ConditionType = 'currentUrl'): RowForm {
  return { kind: 'row', key: nextKey(), negated: false, leaf: initialDraft(type) };
}

export function newGroup(op: 'all' | 'any' = 'all', children: NodeForm[] = []): GroupForm {
  return { kind: 'group', key: nextKey(), op, negated: false, collapseSingle: false, children };
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
