import type { FieldDescriptor, FieldKind } from '@beckon/protocol/conditions';

/**
 * How each input kind of a condition field is edited: the value kept while typing (a draft) and its exact
 * conversion to and from the condition's JSON. Numbers stay text while typed; an empty or unparsable one
 * becomes NaN, which the rule schema reports. `undefined` from `fromDraft` leaves the property out.
 */

export interface WeekdaysDraft {
  /** true ↔ `days` absent (every day). */
  everyDay: boolean;
  days: number[];
}
export type TypedValueKind = 'none' | 'string' | 'number' | 'boolean';
export interface TypedValueDraft {
  kind: TypedValueKind;
  text: string;
}
export type FieldDraft = string | string[] | WeekdaysDraft | TypedValueDraft;

interface Codec {
  toDraft(value: unknown, field: FieldDescriptor): FieldDraft;
  fromDraft(draft: FieldDraft, field: FieldDescriptor): unknown;
}

function toNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text.trim());
}

const optionalText = (draft: string, field: FieldDescriptor) =>
  field.optional && draft.trim() === '' ? undefined : draft.trim();

const text: Codec = {
  toDraft: (value) => (value === undefined ? '' : String(value)),
  fromDraft: (draft, field) => optionalText(draft as string, field),
};

/** Unparsable JSON is passed on as the text, so the rule schema reports it on the field. */
function parseJson(source: string): unknown {
  try {
    return JSON.parse(source);
  } catch {
    return source;
  }
}

export const fieldCodecs: Record<FieldKind, Codec> = {
  number: {
    toDraft: (value) => (value === undefined ? '' : String(value)),
    fromDraft: (draft) => toNumber(draft as string),
  },
  text,
  urlPattern: text,
  timeZone: text,
  date: text,
  time: text,
  select: { toDraft: (value) => String(value ?? ''), fromDraft: (draft) => draft },
  boolean: {
    toDraft: (value) => (value === true ? 'true' : 'false'),
    fromDraft: (draft) => draft === 'true',
  },
  list: {
    toDraft: (value) => (Array.isArray(value) ? value.join(', ') : ''),
    fromDraft: (draft, field) =>
      (draft as string)
        .split(/[,;\n]+/)
        .map((item) => (field.upperCase ? item.trim().toUpperCase() : item.trim()))
        .filter((item) => item !== ''),
  },
  lines: {
    toDraft: (value) => (Array.isArray(value) ? value.join('\n') : ''),
    fromDraft: (draft) =>
      (draft as string)
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
  },
  choices: {
    toDraft: (value) => (Array.isArray(value) ? value.map(String) : []),
    fromDraft: (draft, field) =>
      (field.options ?? [])
        .map((option) => option.value)
        .filter((value) => (draft as string[]).includes(value)),
  },
  weekdays: {
    toDraft: (value) =>
      Array.isArray(value) ? { everyDay: false, days: value.map(Number) } : { everyDay: true, days: [] },
    fromDraft: (draft) => {
      const week = draft as WeekdaysDraft;
      return week.everyDay ? undefined : [...week.days];
    },
  },
  json: {
    toDraft: (value) => (value === undefined ? '' : JSON.stringify(value)),
    fromDraft: (draft) => ((draft as string).trim() === '' ? undefined : parseJson(draft as string)),
  },
  typedValue: {
    toDraft: (value) => {
      if (value === undefined) return { kind: 'none', text: '' };
      const kind = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
      return { kind, text: String(value) };
    },
    fromDraft: (draft) => {
      const typed = draft as TypedValueDraft;
      if (typed.kind === 'none') return undefined;
      if (typed.kind === 'number') return toNumber(typed.text);
      if (typed.kind === 'boolean') return typed.text === 'true';
      return typed.text;
    },
  },
};
