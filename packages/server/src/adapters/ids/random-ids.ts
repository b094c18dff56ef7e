import { randomBytes } from 'node:crypto';
import type { Ids } from '../../ports/ids.ts';

/** 16 random bytes, base64url: unguessable, so ids double as capabilities (visitor ids, invitation ids). */
export class RandomIds implements Ids {
  next(prefix: string): string {
    return `${prefix}_${randomBytes(16).toString('base64url')}`;
  }
}
