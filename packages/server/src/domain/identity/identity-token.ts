import { identityTokenLimits } from '@beckon/protocol';
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

/** A human reason for each claim jose refuses; anything else keeps jose's code. */
function reasonOf(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The identity token has expired (exp is past).';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'The identity token is not valid yet (nbf is in the future).';
    if (error.claim === 'aud') return "The identity token's aud does not name this widget's audience.";
    if (error.claim === 'iss') return "The identity token's iss is not this widget's issuer.";
    return `The identity token was refused (${error.claim} ${error.reason}).`;
  }
  const code = error instanceof joseErrors.JOSEError ? error.code : 'malformed';
  return `The identity token was refused (${code}).`;
}

/** Lifetime and issue time, which jose leaves to the caller: a stolen long-lived token must not work for years. */
function checkTimes(payload: JWTPayload, widget: WidgetRow, now: number): void {
  const nowSeconds = Math.floor(now / 1000);
  const { iat, exp } = payload as { iat: number; exp: number };
  if (iat > nowSeconds + identityTokenLimits.clockSkewSeconds) {
    fail(
      'AUTH_TOKEN_INVALID',
      'The identity token was issued in the future (iat is ahead of the server clock).',
    );
  }
  if (exp - iat > widget.identityMaxLifetimeSeconds) {
    fail(
      'AUTH_TOKEN_INVALID',
      `The identity token lives too long: exp − iat is ${exp - iat} s, this widget allows at most ${widget.identityMaxLifetimeSeconds} s.`,
    );
  }
}

/**
 * Verifies a site-signed identity token: HS256 with the widget's shared secret, or RS256 with its public key
 * (PEM) or the keys at its JWKS URL. `iss`, `iat`, `exp` and `sub` are required; `iss` must equal the widget's
 * issuer and `aud` its audience when set; `nbf` is honoured; `iat` may not be ahead of the server clock by more
 * than the allowed skew and `exp` − `iat` may not exceed the widget's maximum lifetime. Returns the `sub`, which
 * names the customer record.
 */
export async function verifyIdentityToken(widget: WidgetRow, token: string, now: number): Promise<string> {
  if (widget.identityAlgorithm === 'none' || !widget.identitySecret) {
    fail('AUTH_TOKEN_INVALID', 'This widget does not accept identity tokens.');
  }
  if (!token) fail('AUTH_TOKEN_INVALID', 'The identity token is missing.');
  const options = {
    algorithms: [widget.identityAlgorithm],
    issuer: widget.identityIssuer || undefined,
    audience: widget.identityAudience || undefined,
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
    fail('AUTH_TOKEN_INVALID', reasonOf(error));
  }
  checkTimes(payload, widget, now);
  if (!payload.sub) fail('AUTH_TOKEN_INVALID', 'The identity token has no sub.');
  return payload.sub;
}
