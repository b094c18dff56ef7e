/**
 * Freezes a parsed value and everything in it. Values shared by many holders (rows parsed once and handed to
 * every reader) are frozen so that one holder's change is an error instead of reaching all the others.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}
