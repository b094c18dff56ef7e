/** Validation problems, from a server `error.details` or a client-side schema check, as `path: message` lines. */
export interface Issue {
  path: string;
  message: string;
}

function pathText(path: unknown): string {
  if (Array.isArray(path)) return path.map(String).join('.');
  return typeof path === 'string' ? path : '';
}

/** Reads `{ issues: [{ path, message }] }` (the server's shape) or a bare issue array; anything else → []. */
export function issuesFrom(details: unknown): Issue[] {
  const list = Array.isArray(details)
    ? details
    : typeof details === 'object' &&
        details !== null &&
        Array.isArray((details as { issues?: unknown }).issues)
      ? (details as { issues: unknown[] }).issues
      : [];
  return list.flatMap((entry) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { path, message } = entry as { path?: unknown; message?: unknown };
    return typeof message === 'string' ? [{ path: pathText(path), message }] : [];
  });
}

/** zod issues (their paths are arrays of keys). */
export function issuesOfZod(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Issue[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
