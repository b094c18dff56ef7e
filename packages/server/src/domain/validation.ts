import type { z } from 'zod';
import { fail } from './errors.ts';

/** An error answer stays small whatever the input: 10^4 unknown keys make one issue naming them all. */
const maxIssues = 20;
const maxIssueText = 200;

function cut(text: string): string {
  return text.length > maxIssueText ? `${text.slice(0, maxIssueText)}…` : text;
}

/** Parses with a protocol schema; a mismatch becomes VALIDATION_FAILED with the (first) issues as details. */
export function parseOrFail<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, maxIssues)
    .map((issue) => ({ path: cut(issue.path.join('.')), message: cut(issue.message) }));
  const summary = issues
    .slice(0, 3)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    .join('; ');
  return fail('VALIDATION_FAILED', `Invalid input: ${summary}`, { issues });
}
