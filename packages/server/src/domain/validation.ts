import type { z } from 'zod';
import { fail } from './errors.ts';

/** Parses with a protocol schema; a mismatch becomes VALIDATION_FAILED with the issues as details. */
export function parseOrFail<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const summary = issues
    .slice(0, 3)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    .join('; ');
  return fail('VALIDATION_FAILED', `Invalid input: ${summary}`, { issues });
}
