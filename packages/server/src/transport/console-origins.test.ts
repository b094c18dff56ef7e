import { describe, expect, it } from 'vitest';
import { ConsoleOrigins, requestOrigin } from './console-origins.ts';

describe('ConsoleOrigins', () => {
  const origins = ConsoleOrigins.fromConfig({
    publicUrl: 'https://chat.example.com/some/path',
    consoleOrigins: ['https://admin.example.com'],
  });

  it('allows the public URL, the configured origins and the origin the request was addressed to', () => {
    expect(origins.list).toEqual(['https://chat.example.com', 'https://admin.example.com']);
    expect(origins.allows('https://chat.example.com')).toBe(true);
    expect(origins.allows('https://CHAT.example.com:443')).toBe(true);
    expect(origins.allows('https://admin.example.com')).toBe(true);
    expect(origins.allows('http://localhost:3000', 'http://localhost:3000')).toBe(true);
  });

  it('refuses siblings, other ports, other schemes, opaque and malformed origins', () => {
    for (const origin of [
      'https://www.example.com',
      'https://chat.example.com:8443',
      'http://chat.example.com',
      'http://localhost:3001',
      'null',
      '',
      'https://chat.example.com.evil.test',
      'https://user@chat.example.com',
      'chat.example.com',
    ]) {
      expect(origins.allows(origin, 'http://localhost:3000'), origin).toBe(false);
    }
    expect(origins.allows(undefined, 'http://localhost:3000')).toBe(false);
  });

  it('judges by Origin first, then Sec-Fetch-Site, and refuses a session with neither', () => {
    const own = 'http://localhost:3000';
    expect(origins.judge({ origin: own, ownOrigin: own, hasSession: true })).toEqual({ allowed: true });
    // Origin wins over a reassuring Sec-Fetch-Site.
    expect(
      origins.judge({
        origin: 'http://localhost:3001',
        secFetchSite: 'same-origin',
        ownOrigin: own,
        hasSession: true,
      }).allowed,
    ).toBe(false);
    expect(origins.judge({ secFetchSite: 'same-origin', ownOrigin: own, hasSession: true }).allowed).toBe(
      true,
    );
    for (const site of ['same-site', 'cross-site', 'none']) {
      expect(origins.judge({ secFetchSite: site, ownOrigin: own, hasSession: true }).allowed, site).toBe(
        false,
      );
    }
    expect(origins.judge({ ownOrigin: own, hasSession: true }).allowed).toBe(false);
    // A plain API client (no browser headers, no session) is not this check's business.
    expect(origins.judge({ ownOrigin: own, hasSession: false }).allowed).toBe(true);
    // A foreign page is refused even without a session (signing a victim in to the attacker's account).
    expect(origins.judge({ origin: 'https://evil.test', ownOrigin: own, hasSession: false }).allowed).toBe(
      false,
    );
  });
});

describe('requestOrigin', () => {
  it('builds the origin from the scheme and Host, mapping WebSocket schemes to their pages', () => {
    expect(requestOrigin('http', 'localhost:3000')).toBe('http://localhost:3000');
    expect(requestOrigin('https', 'chat.example.com:443')).toBe('https://chat.example.com');
    expect(requestOrigin('wss', 'chat.example.com')).toBe('https://chat.example.com');
    expect(requestOrigin('ws:', '127.0.0.1:4000')).toBe('http://127.0.0.1:4000');
    expect(requestOrigin('http', undefined)).toBeUndefined();
    expect(requestOrigin('http', 'evil.test/path')).toBeUndefined();
    expect(requestOrigin('ftp', 'x.example')).toBeUndefined();
  });
});
