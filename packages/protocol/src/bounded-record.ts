import { z } from 'zod';

/** Counts an object's own keys, stopping at `stop`: the cost of a refusal never grows with the key count. */
function keyCountUpTo(value: object, stop: number): number {
  let count = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (++count >= stop) break;
  }
  return count;
}

/**
 * A record that refuses more than `maxKeys` keys before any key or value is parsed, so a frame with tens of
 * thousands of keys costs one count and yields one issue, not one issue per key.
 */
export function boundedRecord<R extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(
  maxKeys: number,
  record: R,
) {
  return z
    .custom<Record<string, unknown>>(
      (value) => typeof value !== 'object' || value === null || keyCountUpTo(value, maxKeys + 1) <= maxKeys,
      { message: `At most ${maxKeys} keys.` },
    )
    .pipe(record);
}
