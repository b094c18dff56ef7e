import { compileWildcard } from '../wildcard.ts';

export type TextOp = 'equals' | 'startsWith' | 'contains' | 'wildcard';

/** `equals` / `startsWith` / `contains` / `wildcard` (`*`, `?`) on a text; `caseless` lower-cases both sides. */
export function textMatcher(op: TextOp, value: string, caseless = false): (subject: string) => boolean {
  const wanted = caseless ? value.toLowerCase() : value;
  const norm = caseless ? (subject: string) => subject.toLowerCase() : (subject: string) => subject;
  switch (op) {
    case 'equals':
      return (subject) => norm(subject) === wanted;
    case 'startsWith':
      return (subject) => norm(subject).startsWith(wanted);
    case 'contains':
      return (subject) => norm(subject).includes(wanted);
    case 'wildcard': {
      const matches = compileWildcard(wanted);
      return (subject) => matches(norm(subject));
    }
  }
}

/** `in` / `notIn` a list, case-insensitive; an unknown value is in no list. */
export function listMatcher(
  op: 'in' | 'notIn',
  values: readonly string[],
): (actual: string | undefined) => boolean {
  const set = new Set(values.map((value) => value.toLowerCase()));
  const wanted = op === 'in';
  return (actual) => (actual !== undefined && set.has(actual.toLowerCase())) === wanted;
}
