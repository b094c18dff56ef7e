import {
  createRemoteJWKSet,
  importSPKI,
  type JWTPayload,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import type { WidgetRow } from '../../ports/store.ts';
import { fail } from '../errors.ts';

/** Remote key sets by URL: jose caches the fetched keys inside each and refetches on an unknown `kid`. */
const remoteKeySets = new Map<string, JWTVerifyGetKey>();

function remoteKeySet(url: string): JWTVerifyGetKey {
  let keys = remoteKeySets.get(url);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(url), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    remoteKeySets.set(url, keys);
  }
  return keys;
}

/** An RS256 widget's key is a PEM public key, or the http(s) URL of the site's JWKS. */
export function isJwksUrl(value: string): boolean {
  return /^https?:\/\//i.test(value.trim());
}

/**
 * Verifies a site-signed identity token: HS256 with the widget's shared secret, or RS256 with
 * its public key (PEM) or the keys at its JWKS URL; `iss`, `iat`, `exp` and `sub` are required, and `iss` must
 * equal the widget's issuer when set. Returns the `sub`, which names the customer record.
 */
export async function verifyIdentityToken(widget: WidgetRow, token: string, now: number): Promise<string> {
  if (widget.identityAlgorithm === 'none' || !widget.identitySecret) {
    fail('AUTH_TOKEN_INVALID', 'This widget does not accept identity tokens.');
  }
  if (!token) fail('AUTH_TOKEN_INVALID', 'The identity token is missing.');
  const options = {
    algorithms: [widget.identityAlgorithm],
    issuer: widget.identityIssuer || undefined,
    requiredClaims: ['iss', 'iat', 'exp', 'sub'],
    currentDate: new Date(now),
  };
  let payload: JWTPayload;
  try {
    if (widget.identityAlgorithm === 'RS256' && isJwksUrl(widget.identitySecret)) {
      ({ payload } = await jwtVerify(token, remoteKeySet(widget.identitySecret.trim()), options));
    } else {
      const key =
        widget.identityAlgorithm === 'HS256'
          ? new TextEncoder().encode(widget.identitySecret)
          : await importSPKI(widget.identitySecret, 'RS256').catch(() =>
              fail('AUTH_TOKEN_INVALID', 'The widget public key is not a valid SPKI PEM.'),
            );
      ({ payload } = await jwtVerify(token, key, options));
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'DomainError') throw error;
    const reason = error instanceof joseErrors.JOSEError ? error.code : 'malformed';
    fail('AUTH_TOKEN_INVALID', `The identity token was refused (${reason}).`);
  }
  if (!payload.sub) fail('AUTH_TOKEN_INVALID', 'The identity token has no sub.');
  return payload.sub;
}
