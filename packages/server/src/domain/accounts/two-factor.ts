import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { Clock } from '../../ports/clock.ts';
import type { Store, UserRow } from '../../ports/store.ts';
import { fail } from '../errors.ts';

export const recoveryCodeCount = 10;
/** Codes from the step before and after count too: a phone clock a little off still signs in. */
const window = 1;
const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

function totp(secret: string, label: string): TOTP {
  return new TOTP({ issuer: 'Beckon', label, secret: Secret.fromBase32(secret) });
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase().replaceAll('-', '')).digest('hex');
}

/** `xxxx-xxxx-xxxx` from 31 unambiguous characters: about 59 bits, so a fast hash is enough to store it. */
function newRecoveryCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/**
 * TOTP (RFC 6238: 6 digits, 30 s, SHA-1, as every authenticator app reads it) with 10 single-use recovery codes.
 * The secret is kept readable in the store, as checking a code needs it; the recovery codes only as hashes.
 */
export class TwoFactor {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** A new secret to enrol, kept pending until a code from it confirms it. */
  async begin(user: UserRow): Promise<{ secret: string; uri: string }> {
    const secret = new Secret({ size: 20 }).base32;
    await this.store.updateUser(user.id, { totpPendingSecret: secret });
    return { secret, uri: totp(secret, user.email).toString() };
  }

  /** Confirms the pending secret with a code from it; answers the recovery codes, shown once. */
  async confirm(user: UserRow, code: string): Promise<string[]> {
    if (!user.totpPendingSecret) fail('CONFLICT', 'Start two-factor enrolment first.');
    if (!this.codeMatches(user.totpPendingSecret, user.email, code))
      fail('INVALID_TWO_FACTOR_CODE', 'This code is wrong or expired.');
    const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
    await this.store.replaceRecoveryCodes(user.id, codes.map(hashRecoveryCode));
    await this.store.updateUser(user.id, { totpSecret: user.totpPendingSecret, totpPendingSecret: null });
    return codes;
  }

  async turnOff(userId: string): Promise<void> {
    await this.store.updateUser(userId, { totpSecret: null, totpPendingSecret: null });
    await this.store.replaceRecoveryCodes(userId, []);
  }

  /** A current code from the authenticator, or an unused recovery code (then used up). */
  async verify(user: UserRow, code: string): Promise<boolean> {
    if (!user.totpSecret) return false;
    if (/^\d{6}$/.test(code.trim())) return this.codeMatches(user.totpSecret, user.email, code.trim());
    return this.store.useRecoveryCode(user.id, hashRecoveryCode(code), this.clock.now());
  }

  private codeMatches(secret: string, label: string, code: string): boolean {
    return totp(secret, label).validate({ token: code.trim(), timestamp: this.clock.now(), window }) !== null;
  }
}
