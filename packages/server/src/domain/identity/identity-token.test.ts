import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WidgetRow } from '../../ports/store.ts';
import { widget as widgetFixture } from '../../ports/store-contract/fixtures.ts';
import { verifyIdentityToken } from './identity-token.ts';

const now = Date.UTC(2026, 10, 24, 10, 0, 0);
const seconds = Math.floor(now / 1000);

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
let site: KeyPair;
let impostor: KeyPair;
let jwks: Server;
let jwksUrl: string;

beforeAll(async () => {
  site = await generateKeyPair('RS256', { extractable: true });
  impostor = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(site.publicKey)), kid: 'site-1', alg: 'RS256', use: 'sig' };
  // A real HTTP endpoint serving the site's key set, as a shop would publish it.
  jwks = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(async () => {
  await new Promise((resolve) => jwks.close(resolve));
});

function token(key: KeyPair['privateKey'], claims: { exp?: number; sub?: string } = {}) {
  const jwt = new SignJWT(claims.sub === undefined ? {} : { sub: claims.sub })
    .setProtectedHeader({ alg: 'RS256', kid: 'site-1' })
    .setIssuer('shop.example')
    .setIssuedAt(seconds - 60)
    .setExpirationTime(claims.exp ?? seconds + 300);
  return jwt.sign(key);
}

async function rs256Widget(secret: string): Promise<WidgetRow> {
  return widgetFixture({
    identityAlgorithm: 'RS256',
    identityIssuer: 'shop.example',
    identitySecret: secret,
  });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'accepted';
}

describe.each([
  ['a PEM public key', async () => exportSPKI(site.publicKey)],
  ['a JWKS URL', async () => jwksUrl],
])('RS256 identity tokens checked with %s', (_name, secret) => {
  it('accepts a valid token and returns its sub', async () => {
    const w = await rs256Widget(await secret());
    expect(await verifyIdentityToken(w, await token(site.privateKey, { sub: 'cus_42' }), now)).toBe('cus_42');
  });

  it('refuses an expired token', async () => {
    const w = await rs256Widget(await secret());
    const expired = await token(site.privateKey, { sub: 'cus_42', exp: seconds - 1 });
    expect(await refusal(verifyIdentityToken(w, expired, now))).toBe('AUTH_TOKEN_INVALID');
  });

  it('refuses a token signed with another key', async () => {
    const w = await rs256Widget(await secret());
    const forged = await token(impostor.privateKey, { sub: 'cus_42' });
    expect(await refusal(verifyIdentityToken(w, forged, now))).toBe('AUTH_TOKEN_INVALID');
  });

  it('refuses a missing token, garbage, and a token without sub', async () => {
    const w = await rs256Widget(await secret());
    expect(await refusal(verifyIdentityToken(w, '', now))).toBe('AUTH_TOKEN_INVALID');
    expect(await refusal(verifyIdentityToken(w, 'not.a.jwt', now))).toBe('AUTH_TOKEN_INVALID');
    expect(await refusal(verifyIdentityToken(w, await token(site.privateKey), now))).toBe(
      'AUTH_TOKEN_INVALID',
    );
  });
});

it('refuses tokens when the JWKS URL cannot be reached', async () => {
  const w = await rs256Widget('http://127.0.0.1:1/jwks.json');
  expect(await refusal(verifyIdentityToken(w, await token(site.privateKey, { sub: 'x' }), now))).toBe(
    'AUTH_TOKEN_INVALID',
  );
});
