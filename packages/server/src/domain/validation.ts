import { templateFaultMessage, templateFaultOf } from '@beckon/protocol';
import type { z } from 'zod';
import { fail } from './errors.ts';

/** An error answer stays small whatever the input: 10^4 unknown keys make one issue naming them all. */
const maxIssues = 20;
const maxIssueText = 200;

function cut(text: string): string {
  return text.length > maxIssueText ? `${text.slice(0, maxIssueText)}…` : text;
}

/**
 * What a client needs to word the problem itself, in the reader's language: zod's issue code and, for a size
 * check, what was measured and the bound (numbers and short names only: nothing the sender typed).
 */
function issueFacts(issue: z.core.$ZodIssue): Record<string, unknown> {
  const facts: Record<string, unknown> = { code: issue.code };
  const { origin, minimum, maximum, expected } = issue as {
    origin?: unknown;
    minimum?: unknown;
    maximum?: unknown;
    expected?: unknown;
  };
  if (typeof origin === 'string') facts.origin = origin;
  if (typeof minimum === 'number' || typeof minimum === 'bigint') facts.minimum = Number(minimum);
  if (typeof maximum === 'number' || typeof maximum === 'bigint') facts.maximum = Number(maximum);
  if (typeof expected === 'string') facts.expected = cut(expected);
  // A message template's fault (protocol's message-template.ts): its kind and place, to word it.
  const template = templateFaultOf(issue);
  if (template) {
    facts.params = {
      template: { kind: template.kind, position: template.position, variable: cut(template.variable ?? '') },
    };
  }
  return facts;
}

function messageOf(issue: z.core.$ZodIssue): string {
  const fault = templateFaultOf(issue);
  return fault ? templateFaultMessage(fault) : issue.message;
}

/** Parses with a protocol schema; a mismatch becomes VALIDATION_FAILED with the (first) issues as details. */
export function parseOrFail<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, maxIssues).map((issue) => ({
    path: cut(issue.path.join('.')),
    message: cut(messageOf(issue)),
    ...issueFacts(issue),
  }));
  const summary = issues
    .slice(0, 3)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    .join('; ');
  return fail('VALIDATION_FAILED', `Invalid input: ${summary}`, { issues });
}
