import type { LeafCondition } from '../rule.ts';

/**
 * What a condition type is, for people: its name, the fields an editor shows (by input kind), and how a
 * condition reads as a sentence. Data and plain functions only (no zod), so the console and the rules
 * engine's explanations read the same descriptor.
 */

export type Locale = 'en' | 'fr';

/** A text in every language the product speaks. */
export interface Text {
  readonly en: string;
  readonly fr: string;
}

/** One value a select / choices field offers. `symbol` is how an operator reads inside a sentence. */
export interface Choice {
  readonly value: string;
  readonly label: Text;
  readonly symbol?: Text;
}

/**
 * The input kinds an editor renders, one generic control each:
 * - `number`: whole number, with an optional `unit` (s, %); empty or unparsable is NaN, for the schema to report.
 * - `text`, `urlPattern` (a URL or `*`/`?` pattern; `/…` is the path), `timeZone` (IANA name): trimmed text.
 * - `select`: one of `options`; `boolean`: `options` worded for true / false.
 * - `list`: comma-separated values (`upperCase` for codes); `lines`: one value per line.
 * - `choices`: some of `options` (checkboxes), in the options' order.
 * - `date` (YYYY-MM-DD), `time` (HH:MM), `weekdays` (absent = every day), `json` (an object typed as JSON).
 * - `typedValue`: a text, number or yes/no value, or none.
 */
export type FieldKind =
  | 'number'
  | 'text'
  | 'urlPattern'
  | 'timeZone'
  | 'select'
  | 'boolean'
  | 'list'
  | 'lines'
  | 'choices'
  | 'date'
  | 'time'
  | 'weekdays'
  | 'json'
  | 'typedValue';

export interface FieldDescriptor {
  /** The property of the condition this field edits. */
  readonly key: string;
  readonly kind: FieldKind;
  readonly label: Text;
  readonly unit?: Text;
  readonly options?: readonly Choice[];
  /** Empty means the property is absent. */
  readonly optional?: boolean;
  readonly placeholder?: string;
  readonly upperCase?: boolean;
  /** Not shown, and the property left out, while the field `key` has `value` (e.g. the operator `exists`). */
  readonly hiddenWhen?: { readonly key: string; readonly value: string };
}

export interface ConditionDescriptor<C extends LeafCondition = LeafCondition> {
  readonly type: C['type'];
  readonly label: Text;
  /** Shown instead of fields when the condition has none. */
  readonly hint?: Text;
  readonly fields: readonly FieldDescriptor[];
  /** What a new condition of this type starts as (text fields empty). */
  readonly initial: C;
  /** The condition as a phrase: "time on page ≥ 30 s". */
  sentence(condition: C, locale: Locale): string;
  /** What the visitor's actual value is about, for "why not": "time on page". */
  subject(condition: C, locale: Locale): string;
  /** The actual value as the rest of that phrase: "is 10 s". */
  actual(condition: C, actual: unknown, locale: Locale): string;
}

export function say(text: Text, locale: Locale): string {
  return text[locale];
}

/** "is 10 s" / "est 10 s"; an undefined value is unknown. */
export function isValue(actual: unknown, locale: Locale, unit = '', quote = false): string {
  if (actual === undefined) return locale === 'fr' ? 'est inconnu' : 'is unknown';
  const shown = quote ? `'${String(actual)}'` : String(actual);
  return `${locale === 'fr' ? 'est' : 'is'} ${shown}${unit}`;
}

export function yesNo(actual: unknown, locale: Locale): string {
  if (locale === 'fr') return actual === true ? 'est oui' : 'est non';
  return actual === true ? 'is yes' : 'is no';
}

export function symbolOf(options: readonly Choice[], value: string, locale: Locale): string {
  const choice = options.find((option) => option.value === value);
  return choice ? say(choice.symbol ?? choice.label, locale) : value;
}
