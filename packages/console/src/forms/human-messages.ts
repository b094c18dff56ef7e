import type { TemplateFault } from '@beckon/protocol';
import type { Locale, Text } from '@beckon/protocol/conditions';

/**
 * Validation problems in words a person reads, in English and French, instead of zod's own text ("Too small:
 * expected string to have >=1 characters"). Messages a schema states itself ("expected HH:MM") are kept.
 */

export interface IssueLike {
  code?: string;
  message?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
  input?: unknown;
  format?: string;
  values?: readonly unknown[];
  params?: { template?: TemplateFault };
}

const m = {
  required: { en: 'Required.', fr: 'Obligatoire.' },
  number: { en: 'Enter a number.', fr: 'Saisissez un nombre.' },
  whole: { en: 'Enter a whole number.', fr: 'Saisissez un nombre entier.' },
  atLeast: { en: 'Must be at least {n}.', fr: 'Doit valoir au moins {n}.' },
  atMost: { en: 'Must be at most {n}.', fr: 'Doit valoir au plus {n}.' },
  tooLong: { en: 'At most {n} characters.', fr: '{n} caractères au plus.' },
  tooShort: { en: 'At least {n} characters.', fr: 'Au moins {n} caractères.' },
  fewItems: { en: 'Add at least {n}.', fr: 'Ajoutez-en au moins {n}.' },
  manyItems: { en: 'At most {n} items.', fr: '{n} éléments au plus.' },
  choice: { en: 'Choose one of the options.', fr: 'Choisissez l’une des options.' },
  format: { en: 'Not in the expected format.', fr: 'Format inattendu.' },
  invalid: { en: 'Not a valid value.', fr: 'Valeur non valide.' },
  unknownVariable: {
    en: 'Unknown variable “{v}” at character {n}.',
    fr: 'Variable inconnue « {v} » au caractère {n}.',
  },
  notClosed: { en: '“{{” is not closed at character {n}.', fr: '« {{ » n’est pas fermé au caractère {n}.' },
  notAllowed: {
    en: 'Only variables like {{page.title}} are allowed (character {n}).',
    fr: 'Seules des variables comme {{page.title}} sont permises (caractère {n}).',
  },
} satisfies Record<string, Text>;

/** A message template's fault, in words: what is wrong and at which character. */
export function templateFaultText(fault: TemplateFault, locale: Locale): string {
  const text =
    fault.kind === 'unknown-variable'
      ? m.unknownVariable
      : fault.kind === 'not-closed'
        ? m.notClosed
        : m.notAllowed;
  return fill(text, locale, fault.position + 1).replace('{v}', fault.variable ?? '');
}

const fill = (text: Text, locale: Locale, n?: number | bigint) => text[locale].replace('{n}', String(n));

export function humanMessage(issue: IssueLike, locale: Locale): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int') return fill(m.number, locale);
      return fill(m.required, locale);
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? fill(m.required, locale)
          : fill(m.tooShort, locale, issue.minimum);
      }
      if (issue.origin === 'array' || issue.origin === 'set') return fill(m.fewItems, locale, issue.minimum);
      return fill(m.atLeast, locale, issue.minimum);
    case 'too_big':
      if (issue.origin === 'string') return fill(m.tooLong, locale, issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set') return fill(m.manyItems, locale, issue.maximum);
      return fill(m.atMost, locale, issue.maximum);
    case 'invalid_value':
    case 'invalid_enum_value':
      return fill(m.choice, locale);
    case 'invalid_format':
      return fill(m.format, locale);
    case 'invalid_union':
      return fill(m.invalid, locale);
    case 'custom':
      if (issue.params?.template) return templateFaultText(issue.params.template, locale);
      return issue.message || fill(m.invalid, locale);
    default:
      return issue.message || fill(m.invalid, locale);
  }
}

/** A zod `error` option: human text for zod's built-in checks; schema-stated messages take precedence. */
export function zodErrorIn(locale: Locale) {
  return (issue: IssueLike) => {
    if (issue.code === 'invalid_type' && typeof issue.input === 'number' && Number.isNaN(issue.input)) {
      return fill(m.number, locale);
    }
    if (issue.code === 'invalid_type' && issue.expected === 'int') return fill(m.whole, locale);
    return humanMessage(issue, locale);
  };
}

/**
 * A server's VALIDATION_FAILED answer (`details.issues`, docs/protocol.md) in words, field by field: "name:
 * Required." rather than "name: Too small: expected string to have >=1 characters". Undefined when the details
 * hold no issues (the caller keeps the server's message).
 */
export function validationProblem(details: unknown, locale: Locale): string | undefined {
  const list = (details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return list
    .filter((issue): issue is IssueLike & { path?: unknown } => typeof issue === 'object' && issue !== null)
    .map((issue) => {
      const path = Array.isArray(issue.path) ? issue.path.join('.') : String(issue.path ?? '');
      const text = humanMessage(issue, locale);
      return path ? `${path}: ${text}` : text;
    })
    .join(' ');
}
