import { z } from 'zod';
import type { ErrorCode } from './errors.ts';
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
 * one by `normalizeContext`, so the wire schema accepts any JSON value per key.
 */
export const rawContextSchema = z.record(z.string(), z.unknown());
export type RawContext = z.infer<typeof rawContextSchema>;

export interface ContextProblem {
  code: ErrorCode;
  name: string;
  message: string;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/**
 * The context limits: drops keys whose value is null, undefined or empty; drops (and reports) anything over
 * the limits; keeps everything else. Plain primitives become displayable entries.
 */
export function normalizeContext(raw: Record<string, unknown>): {
  context: Context;
  problems: ContextProblem[];
} {
  const context: Context = {};
  const problems: ContextProblem[] = [];
  let kept = 0;
  for (const [name, input] of Object.entries(raw)) {
    const isObjectForm = typeof input === 'object' && input !== null && !Array.isArray(input);
    const value = isObjectForm ? (input as { value?: unknown }).value : input;
    if (isEmpty(value)) continue;
    const isDisplayable = isObjectForm
      ? (input as { isDisplayable?: unknown }).isDisplayable !== false
      : true;
    if (name.length > limits.contextMaxNameLength) {
      problems.push({
        code: 'CONTEXT_NAME_TOO_LONG',
        name: name.slice(0, 40),
        message: `Context variable name longer than ${limits.contextMaxNameLength} characters was dropped.`,
      });
      continue;
    }
    const parsed = contextValueSchema.safeParse(value);
    if (!parsed.success || (typeof value === 'number' && !Number.isFinite(value))) {
      problems.push({
        code: 'CONTEXT_VALUE_INVALID',
        name,
        message: `Context variable "${name}" must be a string, number or boolean; it was dropped.`,
      });
      continue;
    }
    if (String(parsed.data).length > limits.contextMaxValueLength) {
      problems.push({
        code: 'CONTEXT_VALUE_TOO_LONG',
        name,
        message: `Context variable "${name}" is longer than ${limits.contextMaxValueLength} characters; it was dropped.`,
      });
      continue;
    }
    if (kept >= limits.contextMaxVariables) {
      problems.push({
        code: 'CONTEXT_TOO_MANY_VARIABLES',
        name,
        message: `More than ${limits.contextMaxVariables} context variables; "${name}" was dropped.`,
      });
      continue;
    }
    context[name] = { value: parsed.data, isDisplayable };
    kept++;
  }
  return { context, problems };
}
