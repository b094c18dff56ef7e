import type { ErrorCode } from '@beckon/protocol/errors';
import { pageLimits as limits } from '@beckon/protocol/limits';

/**
 * Client-side mirror of the server's context rules, so the page hears about an over-limit
 * variable at once. The server still validates; this only keeps the valid rest and names what was dropped.
 */

export interface ContextProblem {
  code: ErrorCode;
  name: string;
  message: string;
}

export interface ContextCheck {
  /** The valid entries, in the form the page gave them (primitive or `{ value, isDisplayable }`). */
  context: Record<string, unknown>;
  problems: ContextProblem[];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

function isValidPrimitive(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' || typeof value === 'boolean';
}

export function checkContext(raw: Record<string, unknown>): ContextCheck {
  const context: Record<string, unknown> = {};
  const problems: ContextProblem[] = [];
  let kept = 0;
  for (const name of Object.keys(raw)) {
    const input = raw[name];
    const value = isPlainObject(input) ? input.value : input;
    if (isEmpty(value)) continue;
    if (name.length > limits.contextMaxNameLength) {
      problems.push({
        code: 'CONTEXT_NAME_TOO_LONG',
        name: name.slice(0, 40),
        message: `Context variable name over ${limits.contextMaxNameLength} characters: dropped.`,
      });
    } else if (!isValidPrimitive(value)) {
      problems.push({
        code: 'CONTEXT_VALUE_INVALID',
        name,
        message: `Context variable "${name}" is not a string, number or boolean: dropped.`,
      });
    } else if (String(value).length > limits.contextMaxValueLength) {
      problems.push({
        code: 'CONTEXT_VALUE_TOO_LONG',
        name,
        message: `Context variable "${name}" is over ${limits.contextMaxValueLength} characters: dropped.`,
      });
    } else if (kept >= limits.contextMaxVariables) {
      problems.push({
        code: 'CONTEXT_TOO_MANY_VARIABLES',
        name,
        message: `Context variable "${name}" is over the limit of ${limits.contextMaxVariables}: dropped.`,
      });
    } else {
      context[name] = input;
      kept++;
    }
  }
  return { context, problems };
}
