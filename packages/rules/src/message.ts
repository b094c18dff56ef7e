import type { Rule } from '@beckon/protocol';
import type { VisitorFacts } from './types.ts';

const PUNCTUATION = new Set([',', '.', '!', '?', ';', ':', ')']);

/**
 * The rule's text in the visitor's language (by primary tag, e.g. 'fr' for 'fr-CA'), falling back to the
 * default text, with `{name}` and `{context.KEY}` filled in. A placeholder with no value is removed along with
 * the space it leaves dangling, so "Hi {name}, need help?" reads "Hi, need help?" for an anonymous visitor.
 * Unknown placeholders are left as typed so that a typo shows up in the preview.
 */
export function resolveMessage(
  message: Rule['message'],
  facts: Pick<VisitorFacts, 'language' | 'visitorName' | 'context'>,
): string {
  return fillPlaceholders(pickTranslation(message, facts.language), facts);
}

function pickTranslation(message: Rule['message'], language: string): string {
  const translations = message.translations;
  if (translations === undefined || language === '') return message.text;
  const tag = language.toLowerCase();
  const primary = tag.split('-')[0] ?? tag;
  return translations[language] ?? translations[tag] ?? translations[primary] ?? message.text;
}

function fillPlaceholders(text: string, facts: Pick<VisitorFacts, 'visitorName' | 'context'>): string {
  if (!text.includes('{')) return text;
  let out = '';
  let index = 0;
  while (index < text.length) {
    const open = text.indexOf('{', index);
    const close = open < 0 ? -1 : text.indexOf('}', open + 1);
    if (close < 0) break;
    const value = placeholderValue(text.slice(open + 1, close), facts);
    out += text.slice(index, open);
    index = close + 1;
    if (value === undefined) {
      out += text.slice(open, index);
    } else if (value !== '') {
      out += value;
    } else {
      const next = text.charAt(index);
      if (out === '' && next === ' ') index++;
      else if (out.endsWith(' ') && (next === ' ' || next === '' || PUNCTUATION.has(next)))
        out = out.slice(0, -1);
    }
  }
  return out + text.slice(index);
}

/** undefined: not a placeholder we know; '': a known placeholder with no value for this visitor. */
function placeholderValue(
  token: string,
  facts: Pick<VisitorFacts, 'visitorName' | 'context'>,
): string | undefined {
  if (token === 'name') return facts.visitorName?.trim() ?? '';
  if (!token.startsWith('context.')) return undefined;
  const key = token.slice('context.'.length);
  if (!Object.hasOwn(facts.context, key)) return '';
  return String(facts.context[key]);
}
