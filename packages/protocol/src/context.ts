import { z } from 'zod';
import { boundedRecord } from './bounded-record.ts';
import type { ErrorCode } from './errors.ts';
import { frameLimits } from './frame-limits.ts';
import { limits } from './limits.ts';

/** A context variable as stored and shown: always the object form. */
export const contextValueSchema = z.union([z.string(), z.number(), z.boolean()]);
export type ContextValue = z.infer<typeof contextValueSchema>;

export const contextEntrySchema = z.object({ value: contextValueSchema, isDisplayable: z.boolean() });
export type ContextEntry = z.infer<typeof contextEntrySchema>;

export const contextSchema = z.record(z.string().max(limits.contextMaxNameLength), contextEntrySchema);
export type Context = z.infer<typeof contextSchema>;

/**
 * What a page may send: `{ name: { value, isDisplayable } }` or `{ name: primitive }`. Entries are checked one by
 * one by `normalizeContext`, so the wire schema accepts any JSON value per key; only the key count is checked
 * here (`contextMaxKeys`), before any key is read.
 */
export const rawContextSchema = boundedRecord(frameLimits.contextMaxKeys, z.record(z.string(), z.unknown()));
export type RawContext = z.infer<typeof rawContextSchema>;

export interface ContextProblem {
  code: ErrorCode;
  /** The first variable with this problem (names are cut to 40 characters). */
  name: string;
  /** Names the first few variables with this problem and how many there were in all. */
  message: string;
  /** The first `errorMaxIssues` names with this problem, and how many there were. */
  names: string[];
  count: number;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

const reportName = (name: string) => name.slice(0, 40);

function isContextValue(value: unknown): value is ContextValue {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' || typeof value === 'boolean';
}

const problemText: Record<string, (count: number) => string> = {
  CONTEXT_NAME_TOO_LONG: (n) =>
    `${n} context variable name(s) longer than ${limits.contextMaxNameLength} characters were dropped`,
  CONTEXT_VALUE_INVALID: (n) => `${n} context variable(s) not a string, number or boolean were dropped`,
  CONTEXT_VALUE_TOO_LONG: (n) =>
    `${n} context variable(s) longer than ${limits.contextMaxValueLength} characters were dropped`,
  CONTEXT_TOO_MANY_VARIABLES: (n) =>
    `More than ${limits.contextMaxVariables} context variables; ${n} were dropped`,
};

/**
 * The context limits: drops keys whose value is null, undefined or empty; drops (and reports) anything over
 * the limits; keeps everything else. Plain primitives become displayable entries. Problems come back grouped,
 * one per code with the first few names, so a faulty context yields at most four reports however many keys it has.
 */
export function normalizeContext(raw: Record<string, unknown>): {
  context: Context;
  problems: ContextProblem[];
} {
  const context: Context = {};
  const grouped = new Map<ErrorCode, { names: string[]; count: number }>();
  const report = (code: ErrorCode, name: string) => {
    const group = grouped.get(code) ?? { names: [], count: 0 };
    grouped.set(code, group);
    if (group.names.length < frameLimits.errorMaxIssues) group.names.push(reportName(name));
    group.count++;
  };
  let kept = 0;
  for (const [name, input] of Object.entries(raw)) {
    const isObjectForm = typeof input === 'object' && input !== null && !Array.isArray(input);
    const value = isObjectForm ? (input as { value?: unknown }).value : input;
    if (isEmpty(value)) continue;
    const isDisplayable = isObjectForm
      ? (input as { isDisplayable?: unknown }).isDisplayable !== false
      : true;
    if (name.length > limits.contextMaxNameLength) {
      report('CONTEXT_NAME_TOO_LONG', name);
      continue;
    }
    // A plain type test, not a schema parse: a failed parse builds an error object, costly a thousand times over.
    if (!isContextValue(value)) {
      report('CONTEXT_VALUE_INVALID', name);
      continue;
    }
    if (String(value).length > limits.contextMaxValueLength) {
      report('CONTEXT_VALUE_TOO_LONG', name);
      continue;
    }
    if (kept >= limits.contextMaxVariables) {
      report('CONTEXT_TOO_MANY_VARIABLES', name);
      continue;
    }
    context[name] = { value, isDisplayable };
    kept++;
  }
  const problems = [...grouped].map(([code, { names, count }]) => ({
    code,
    name: names[0] ?? '',
    names,
    count,
    message: `${problemText[code]?.(count) ?? code}: ${names.map((n) => JSON.stringify(n)).join(', ')}${count > names.length ? ', …' : ''}.`,
  }));
  return { context, problems };
}
