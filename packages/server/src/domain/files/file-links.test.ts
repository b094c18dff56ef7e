import { FakeClock } from '@beckon/test-kit';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { defaultFileLinkLifetimeMs, FileLinks } from './file-links.ts';

const secret = 'a-test-secret-of-at-least-thirty-two-characters';

function links(clock: FakeClock, key = secret) {
  return new FileLinks(clock, {
    secret: key,
    lifetimeMs: defaultFileLinkLifetimeMs,
    publicUrl: 'https://chat.example.com/some/path',
  });
}

/** The link's parts, as the route reads them. */
function parts(url: string) {
  const parsed = new URL(url);
  return {
    origin: parsed.origin,
    id: decodeURIComponent(parsed.pathname.split('/').at(-1)!),
    expires: parsed.searchParams.get('expires')!,
    signature: parsed.searchParams.get('signature')!,
  };
}

function refusal(check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
}

describe('file links', () => {
  it('opens the file until its expiry, seven days by default, and not after', async () => {
    const clock = new FakeClock();
    const l = links(clock);
    const link = parts(l.url('fil_1')!);
    expect(link.origin).toBe('https://chat.example.com');
    expect(Number(link.expires)).toBe(clock.now() + 7 * 24 * 60 * 60_000);
    expect(refusal(() => l.check('fil_1', link.expires, link.signature))).toBeUndefined();
    await clock.advance(7 * 24 * 60 * 60_000 - 1);
    expect(refusal(() => l.check('fil_1', link.expires, link.signature))).toBeUndefined();
    await clock.advance(1);
    expect(refusal(() => l.check('fil_1', link.expires, link.signature))).toBe('FILE_LINK_INVALID');
  });

  it('refuses a forged link: another secret, a lengthened expiry, a made-up signature', () => {
    const clock = new FakeClock();
    const l = links(clock);
    const other = parts(links(clock, 'another-secret-of-at-least-thirty-two-chars').url('fil_1')!);
    expect(refusal(() => l.check('fil_1', other.expires, other.signature))).toBe('FILE_LINK_INVALID');
    const link = parts(l.url('fil_1')!);
    const later = String(Number(link.expires) + 365 * 24 * 60 * 60_000);
    expect(refusal(() => l.check('fil_1', later, link.signature))).toBe('FILE_LINK_INVALID');
    expect(refusal(() => l.check('fil_1', link.expires, 'x'))).toBe('FILE_LINK_INVALID');
    expect(refusal(() => l.check('fil_1', link.expires, ''))).toBe('FILE_LINK_INVALID');
    expect(refusal(() => l.check('fil_1', 'never', link.signature))).toBe('FILE_LINK_INVALID');
  });

  it("refuses one file's link for another file", () => {
    const l = links(new FakeClock());
    const link = parts(l.url('fil_1')!);
    expect(refusal(() => l.check('fil_2', link.expires, link.signature))).toBe('FILE_LINK_INVALID');
  });

  it('writes no link without a public URL', () => {
    const l = new FileLinks(new FakeClock(), { secret, lifetimeMs: defaultFileLinkLifetimeMs });
    expect(l.url('fil_1')).toBeUndefined();
  });
});
