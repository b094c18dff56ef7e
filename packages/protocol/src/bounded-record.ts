import { z } from 'zod';

/**
 * A record that refuses more than `maxKeys` keys before any key or value is parsed (one native key count), so a
 * record with thousands of keys yields one issue, not one issue per key.
 */
export function boundedRecord<R extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(
  maxKeys: number,
  record: R,
) {
  return z
    .custom<Record<string, unknown>>(
      (value) => typeof value !== 'object' || value === null || Object.keys(value).length <= maxKeys,
      { message: `At most ${maxKeys} keys.` },
    )
    .pipe(record);
}
