import { importSPKI, type JWTPayload, errors as joseErrors, jwtVerify } from 'jose';
import type { WidgetRow } from '../../ports/store.ts';
import { fail } from '../errors.ts';

/**
 * Verifies a site-signed identity token (PRODUCT.md §1.7): HS256 with the widget's shared secret or RS256 with
 * its public key; `iss`, `iat`, `exp` and `sub` are required, and `iss` must equal the widget's issuer when set.
 * Returns the `sub`, which names the customer record.
 */
export async function verifyIdentityToken(widget: WidgetRow, token: string, now: number): Promise<string> {
  if (widget.identityAlgorithm === 'none' || !widget.identitySecret) {
    fail('AUTH_TOKEN_INVALID', 'This widget does not accept identity tokens.');
  }
  const key =
    widget.identityAlgorithm === 'HS256'
      ? new TextEncoder().encode(widget.identitySecret)
      : await importSPKI(widget.identitySecret, 'RS256').catch(() =>
          fail('AUTH_TOKEN_INVALID', 'The widget public key is not a valid SPKI PEM.'),
        );
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: [widget.identityAlgorithm],
      issuer: widget.identityIssuer || undefined,
      requiredClaims: ['iss', 'iat', 'exp', 'sub'],
      currentDate: new Date(now),
    }));
  } catch (error) {
    const reason = error instanceof joseErrors.JOSEError ? error.code : 'malformed';
    fail('AUTH_TOKEN_INVALID', `The identity token was refused (${reason}).`);
  }
  if (!payload.sub) fail('AUTH_TOKEN_INVALID', 'The identity token has no sub.');
  return payload.sub;
}
