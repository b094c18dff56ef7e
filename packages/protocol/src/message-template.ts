import Mustache from 'mustache';
import { z } from 'zod';

/**
 * Personalised messages: `{{customer.firstName | there}}` in a rule's message, an agent's invitation or a quick
 * reply is replaced by a value of the visitor's, or by the fallback after `|` when the value is unknown. The
 * syntax is Mustache's, read by the `mustache` package, limited to its logic-less core: plain variables only —
 * no sections, partials, comments or delimiter changes, so a message never runs logic. Values are text: the
 * clients render messages as text, never HTML, so nothing is escaped here.
 */

/** The variables a message can use; `context.` and `event.` take a name after the prefix. */
export const templateVariables = [
  'visitor.name',
  'visitor.firstName',
  'customer.name',
  'customer.firstName',
  'customer.company',
  'page.title',
  'location.country',
  'location.city',
  'agent.name',
] as const;
export type TemplateVariable = (typeof templateVariables)[number];

/** `context.plan` (a `setContextProvider` value) and `event.purchase.amount` (a tracked event's property). */
const contextVariable = /^context\.[A-Za-z0-9_.-]{1,64}$/;
const eventVariable = /^event\.[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]{1,64}$/;

/** One piece of a parsed template: literal text, or a variable with its fallback (empty when none). */
export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: string; fallback: string; position: number };

export interface TemplateFault {
  kind: 'not-closed' | 'not-allowed' | 'unknown-variable';
  /** 0-based offset in the text where the fault starts. */
  position: number;
  message: string;
  /** The unknown variable's name. */
  variable?: string;
}

export type ParsedTemplate = { ok: true; parts: TemplatePart[] } | { ok: false; fault: TemplateFault };

// Its own writer, without the parse cache: messages typed by agents must not grow a process-wide cache.
const writer = new Mustache.Writer();
(writer as unknown as { templateCache: undefined }).templateCache = undefined;

const notAllowed = 'only variables like {{page.title}} are allowed, no sections';

export function isTemplateVariable(name: string): boolean {
  return (
    (templateVariables as readonly string[]).includes(name) ||
    contextVariable.test(name) ||
    eventVariable.test(name)
  );
}

/** Splits a template into text and variables, or says where and why it is wrong. Unknown names are faults. */
export function parseTemplate(text: string): ParsedTemplate {
  let tokens: unknown[][];
  try {
    tokens = writer.parse(text) as unknown[][];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = Number(/at (\d+)/.exec(message)?.[1] ?? 0);
    if (message.startsWith('Unclosed tag')) {
      return {
        ok: false,
        fault: {
          kind: 'not-closed',
          position: Math.max(0, text.lastIndexOf('{{', at)),
          message: '"{{" is not closed',
        },
      };
    }
    // Sections are refused anyway; their own faults (unclosed, unopened) are worded as such.
    return {
      ok: false,
      fault: { kind: 'not-allowed', position: at, message: notAllowed },
    };
  }
  const parts: TemplatePart[] = [];
  for (const token of tokens) {
    const [kind, value, start] = token as [string, string, number];
    if (kind === 'text') {
      parts.push({ kind: 'text', text: value });
      continue;
    }
    if (kind !== 'name' && kind !== '&') {
      return {
        ok: false,
        fault: { kind: 'not-allowed', position: start, message: notAllowed },
      };
    }
    const bar = value.indexOf('|');
    const name = (bar < 0 ? value : value.slice(0, bar)).trim();
    const fallback = bar < 0 ? '' : value.slice(bar + 1).trim();
    if (!isTemplateVariable(name)) {
      return {
        ok: false,
        fault: {
          kind: 'unknown-variable',
          position: start,
          message: `unknown variable "${name}"`,
          variable: name,
        },
      };
    }
    parts.push({ kind: 'variable', name, fallback, position: start });
  }
  return { ok: true, parts };
}

/** A template's fault in words, with its 1-based position. */
export function templateFaultMessage(fault: TemplateFault): string {
  return `${fault.message} at position ${fault.position + 1}`;
}

/** The fault of a template, worded for a person, or undefined when it is fine. */
export function templateFault(text: string): string | undefined {
  const parsed = parseTemplate(text);
  return parsed.ok ? undefined : templateFaultMessage(parsed.fault);
}

/** The fault carried by a zod issue raised by `messageTemplateSchema`, or undefined for any other issue. */
export function templateFaultOf(issue: object): TemplateFault | undefined {
  return (issue as { params?: { template?: TemplateFault } }).params?.template;
}

/** A message text that may use variables, refused with the position of its fault when it is not a valid template. */
export function messageTemplateSchema(maxLength: number) {
  return z
    .string()
    .min(1)
    .max(maxLength)
    .superRefine((text, ctx) => {
      const parsed = parseTemplate(text);
      if (parsed.ok) return;
      // No message of its own: each reader words `params.template` in its language (the console's error map,
      // the server's `templateIssueMessage`).
      ctx.addIssue({ code: 'custom', params: { template: parsed.fault } });
    });
}
