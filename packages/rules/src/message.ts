import { parseTemplate, type Rule, type TemplatePart } from '@beckon/protocol';
import type { VisitorFacts } from './types.ts';

const PUNCTUATION = new Set([',', '.', '!', '?', ';', ':', ')']);
/** A value longer than this is cut: a message is a sentence, and a context value may be 4,000 characters. */
const valueMaxLength = 200;
/** The longest message a template can render to. */
export const renderedMessageMaxLength = 1000;

/** What a message's variables are read from: the rule engine's facts, and the agent for their own messages. */
export type MessageFacts = Pick<VisitorFacts, 'language' | 'visitorName' | 'context'> &
  Partial<Pick<VisitorFacts, 'page' | 'location' | 'customer' | 'events'>> & { agentName?: string };

/**
 * The rule's text in the visitor's language (by primary tag, e.g. 'fr' for 'fr-CA'), falling back to the
 * default text, with `{name}` and `{context.KEY}` filled in. A placeholder with no value is removed along with
 * the space it leaves dangling, so "Hi {name}, need help?" reads "Hi, need help?" for an anonymous visitor.
 * Unknown placeholders are left as typed so that a typo shows up in the preview.
 */
export function resolveMessage(message: Rule['message'], facts: MessageFacts): string {
  return renderMessage(pickTranslation(message, facts.language), facts);
}

/**
 * A message with its `{{variables}}` filled in for this visitor: the value, else the fallback after `|`, else
 * nothing (and the space it would leave dangling goes too). A text that is not a valid template (only page code
 * can send one: saved messages are checked) is shown as typed. Older `{name}` and `{context.KEY}` placeholders
 * still work.
 */
export function renderMessage(text: string, facts: MessageFacts): string {
  if (!text.includes('{')) return text;
  const parsed = parseTemplate(text);
  if (!parsed.ok) return fillPlaceholders(text, facts).slice(0, renderedMessageMaxLength);
  let out = '';
  let skipSpace = false;
  parsed.parts.forEach((part, index) => {
    if (part.kind === 'text') {
      const text = fillPlaceholders(part.text, facts);
      out += skipSpace && text.startsWith(' ') ? text.slice(1) : text;
      skipSpace = false;
      return;
    }
    const value = (variableValue(part.name, facts) ?? '').trim().slice(0, valueMaxLength) || part.fallback;
    if (value !== '') {
      out += value;
      return;
    }
    const next = nextChar(parsed.parts, index);
    if (out === '') skipSpace = true;
    else if (out.endsWith(' ') && (next === ' ' || next === '' || PUNCTUATION.has(next))) {
      out = out.slice(0, -1);
    }
  });
  return out.slice(0, renderedMessageMaxLength);
}

function nextChar(parts: TemplatePart[], index: number): string {
  const next = parts[index + 1];
  return next?.kind === 'text' ? next.text.charAt(0) : '';
}

const firstWord = (name: string | undefined) => name?.trim().split(/\s+/)[0];

function countryName(code: string | undefined, language: string): string | undefined {
  if (!code) return undefined;
  try {
    return new Intl.DisplayNames([language || 'en', 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The value of a known variable for these facts; undefined when the visitor has none. */
function variableValue(name: string, facts: MessageFacts): string | undefined {
  switch (name) {
    case 'visitor.name':
      return facts.visitorName;
    case 'visitor.firstName':
      return firstWord(facts.visitorName);
    case 'customer.name':
      return facts.customer?.name;
    case 'customer.firstName':
      return firstWord(facts.customer?.name);
    case 'customer.company':
      return facts.customer?.company;
    case 'page.title':
      return facts.page?.title;
    case 'location.country':
      return countryName(facts.location?.country, facts.language);
    case 'location.city':
      return facts.location?.city;
    case 'agent.name':
      return facts.agentName;
  }
  if (name.startsWith('context.')) {
    const key = name.slice('context.'.length);
    return Object.hasOwn(facts.context, key) ? String(facts.context[key]) : undefined;
  }
  const [, event, property] = name.split('.');
  const last = facts.events?.findLast((e) => e.name === event);
  const value =
    last?.props && property !== undefined && Object.hasOwn(last.props, property)
      ? last.props[property]
      : undefined;
  return value === undefined ? undefined : String(value);
}

function pickTranslation(message: Rule['message'], language: string): string {
  const translations = message.translations;
  if (translations === undefined || language === '') return message.text;
  const tag = language.toLowerCase();
  const primary = tag.split('-')[0] ?? tag;
  return translations[language] ?? translations[tag] ?? translations[primary] ?? message.text;
}

function fillPlaceholders(text: string, facts: MessageFacts): string {
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
