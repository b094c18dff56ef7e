import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../ports/clock.ts';
import { fail } from '../errors.ts';

/** How long a file link in a transcript e-mail opens the file, unless BECKON_FILE_LINK_LIFETIME_HOURS says otherwise. */
export const defaultFileLinkLifetimeMs = 7 * 24 * 60 * 60_000;

export interface FileLinkSettings {
  /** The key links are signed with: the same on every node, or a link works only on the node that made it. */
  secret: string | Buffer;
  lifetimeMs: number;
  /** The origin browsers reach the server at (BECKON_PUBLIC_URL); without it no link can be written. */
  publicUrl?: string;
}

/**
 * Links that open one file without a session, for the e-mails sent outside the chat: the file id and an expiry,
 * signed with HMAC-SHA256 under the server's secret. Whoever holds the link can fetch the file until it expires,
 * as with the e-mail itself; a changed id or expiry breaks the signature.
 */
export class FileLinks {
  private readonly origin: string | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly settings: FileLinkSettings,
  ) {
    this.origin = settings.publicUrl ? new URL(settings.publicUrl).origin : undefined;
  }

  /** When a link made now expires. */
  expiryFromNow(): number {
    return this.clock.now() + this.settings.lifetimeMs;
  }

  /** The link to `fileId`, valid until `expiresAt` (the lifetime from now); undefined without a public URL. */
  url(fileId: string, expiresAt = this.expiryFromNow()): string | undefined {
    if (!this.origin) return undefined;
    const expires = String(expiresAt);
    const query = new URLSearchParams({ expires, signature: this.sign(fileId, expires) });
    return `${this.origin}/v1/file-links/${encodeURIComponent(fileId)}?${query}`;
  }

  /** Refuses (FILE_LINK_INVALID) a link past its expiry or whose signature is not this server's for this file. */
  check(fileId: string, expires: string, signature: string): void {
    const expected = Buffer.from(this.sign(fileId, expires));
    const given = Buffer.from(signature);
    // Signature first, in constant time: an altered expiry is forged, not merely expired.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      fail('FILE_LINK_INVALID', 'This file link was not issued by this server.');
    }
    if (!/^\d{1,16}$/.test(expires) || Number(expires) <= this.clock.now()) {
      fail('FILE_LINK_INVALID', 'This file link has expired.');
    }
  }

  private sign(fileId: string, expires: string): string {
    return createHmac('sha256', this.settings.secret).update(`${fileId}\n${expires}`).digest('base64url');
  }
}
