import type { LeafCondition } from '@beckon/protocol';
import { type ConditionType, conditionDescriptors, type FieldDescriptor } from '@beckon/protocol/conditions';
import { type FieldDraft, fieldCodecs } from './field-kinds.ts';

/**
 * One condition as the editor holds it: its type and a draft per field of its descriptor. Converting a
 * condition to a draft and back gives the same condition; nothing here knows a particular condition type.
 */
export interface LeafDraft {
  type: ConditionType;
  fields: Record<string, FieldDraft>;
}

export function isHidden(field: FieldDescriptor, fields: Record<string, FieldDraft>): boolean {
  return field.hiddenWhen !== undefined && fields[field.hiddenWhen.key] === field.hiddenWhen.value;
}

export function leafToDraft(leaf: LeafCondition): LeafDraft {
  const values = leaf as unknown as Record<string, unknown>;
  const fields: Record<string, FieldDraft> = {};
  for (const field of conditionDescriptors[leaf.type].fields) {
    fields[field.key] = fieldCodecs[field.kind].toDraft(values[field.key], field);
  }
  return { type: leaf.type, fields };
}

export function draftToLeaf(draft: LeafDraft): LeafCondition {
  const leaf: Record<string, unknown> = { type: draft.type };
  for (const field of conditionDescriptors[draft.type].fields) {
    if (isHidden(field, draft.fields)) continue;
    const value = fieldCodecs[field.kind].fromDraft(draft.fields[field.key] ?? '', field);
    if (value !== undefined) leaf[field.key] = value;
  }
  return leaf as unknown as LeafCondition;
}

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** A new condition of this type: its descriptor's initial value, a time zone field set to the browser's. */
export function initialDraft(type: ConditionType): LeafDraft {
  const draft = leafToDraft(conditionDescriptors[type].initial);
  for (const field of conditionDescriptors[type].fields) {
    if (field.kind === 'timeZone') draft.fields[field.key] = browserTimeZone();
  }
  return draft;
}
