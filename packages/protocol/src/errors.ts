/**
 * Stable error codes. Every error that leaves the server (HTTP body or realtime `error` frame) carries one
 * of these. docs/errors.md lists them; errors.test.ts keeps the two in step.
 */
export const errorCodes = {
  VALIDATION_FAILED: { status: 400, description: 'The body or frame does not match its schema.' },
  UNKNOWN_FRAME_TYPE: {
    status: 400,
    description: 'A realtime frame has a `type` this endpoint does not know.',
  },
  MALFORMED_FRAME: { status: 400, description: 'A realtime frame is not a JSON object.' },
  HELLO_REQUIRED: { status: 400, description: 'The first visitor frame must be `hello`.' },
  UNAUTHENTICATED: { status: 401, description: 'No valid session cookie.' },
  INVALID_CREDENTIALS: { status: 401, description: 'Email or password is wrong.' },
  FORBIDDEN: { status: 403, description: 'The signed-in role may not do this.' },
  ORIGIN_NOT_ALLOWED: {
    status: 403,
    description:
      "The page's origin is not allowed: not in the widget's allowed origins, or not the console's.",
  },
  WIDGET_NOT_FOUND: { status: 404, description: 'No widget has this key.' },
  WIDGET_DISABLED: { status: 403, description: 'The widget is switched off.' },
  NOT_FOUND: { status: 404, description: 'The resource does not exist.' },
  CONFLICT: { status: 409, description: 'The resource changed or already exists.' },
  PAYLOAD_TOO_LARGE: { status: 413, description: 'The body or frame is larger than allowed.' },
  RATE_LIMITED: { status: 429, description: 'Too many requests or frames; slow down.' },
  INVITATION_NOT_FOUND: { status: 404, description: 'No such invitation for this visitor.' },
  INVITATION_EXPIRED: {
    status: 410,
    description: 'The invitation passed its 60-second deadline before it was accepted.',
  },
  INVITATION_CLOSED: { status: 409, description: 'The invitation was already accepted or dismissed.' },
  INVITATION_SUPPRESSED: {
    status: 409,
    description: 'No invitation was shown: a chat is open or another invitation is showing.',
  },
  PROACTIVE_DISABLED: { status: 409, description: 'Proactive chat is off for this widget.' },
  OUTSIDE_OPERATING_HOURS: {
    status: 409,
    description: "A chat cannot start outside the widget's operating hours.",
  },
  VISITOR_NOT_CONNECTED: {
    status: 404,
    description: 'The visitor is not on the site now (no open socket on any node), so it cannot be invited.',
  },
  VISITOR_BUSY: {
    status: 409,
    description: 'Not invited: the visitor is in a chat or an invitation is already showing.',
  },
  VISITOR_NO_CONSENT: {
    status: 409,
    description: "Not invited: the widget is in consent mode and this visitor's page has not given consent.",
  },
  VISITOR_OUTSIDE_HOURS: {
    status: 409,
    description: "Not invited: outside the widget's operating hours.",
  },
  SURVEY_NOT_ALLOWED: {
    status: 409,
    description: 'The post-chat survey is for an ended conversation of this visitor, answered once.',
  },
  TRANSCRIPT_MAIL_UNAVAILABLE: {
    status: 503,
    description:
      'Transcripts cannot be e-mailed: this server has no mail server configured (BECKON_SMTP_URL).',
  },
  TRANSCRIPT_MAIL_LIMITED: {
    status: 429,
    description:
      'Too many transcript e-mails: at most 3 a day for one conversation and 5 a day for one visitor.',
  },
  OFFER_NOT_FOUND: { status: 404, description: 'No such offer for this agent.' },
  OFFER_CLOSED: { status: 409, description: 'The offer was already accepted, rejected or timed out.' },
  CONVERSATION_NOT_FOUND: { status: 404, description: 'No such conversation for this participant.' },
  CONVERSATION_ENDED: { status: 409, description: 'The conversation has ended.' },
  CHAT_ALREADY_OPEN: { status: 409, description: 'The visitor already has an open conversation.' },
  NO_CHAT_OPEN: { status: 409, description: 'The visitor has no open conversation.' },
  TRANSFER_TARGET_UNAVAILABLE: {
    status: 409,
    description: 'The agent to transfer to is not available or has no free capacity.',
  },
  CONVERSATION_NOT_ENDED: { status: 409, description: 'Only an ended conversation can be wrapped up.' },
  ALREADY_WRAPPED_UP: { status: 409, description: 'The conversation already has a wrap-up.' },
  CONTEXT_TOO_MANY_VARIABLES: {
    status: 400,
    description: 'More than 100 context variables; the rest were dropped.',
  },
  CONTEXT_NAME_TOO_LONG: {
    status: 400,
    description: 'A context variable name is longer than 100 characters; it was dropped.',
  },
  CONTEXT_VALUE_TOO_LONG: {
    status: 400,
    description: 'A context variable value is longer than 4,000 characters; it was dropped.',
  },
  CONTEXT_VALUE_INVALID: {
    status: 400,
    description: 'A context variable value is not a string, number or boolean; it was dropped.',
  },
  CONTEXT_PROVIDER_FAILED: {
    status: 400,
    description: 'The page context provider threw or returned a non-object.',
  },
  AUTH_TOKEN_PROVIDER_FAILED: {
    status: 400,
    description: 'The auth token provider threw or did not call back within 10 s (SDK error 2).',
  },
  AUTH_TOKEN_MISSING: {
    status: 400,
    description: 'The auth token provider returned no token (SDK error 3).',
  },
  AUTH_TOKEN_INVALID: {
    status: 401,
    description: 'The token is not a valid JWT signed for this widget, or is expired (SDK error 4).',
  },
  CONNECTION_REFUSED: {
    status: 403,
    description:
      'Reported by the widget only (`lcw:error`): its socket was refused — unknown key, disabled widget or origin not allowed — so nothing shows.',
  },
  WIDGET_OFFLINE: {
    status: 503,
    description:
      'Reported by the widget only: an SDK call needs the server while the socket is down (reconnecting); try again.',
  },
  PROTOCOL_VERSION_UNSUPPORTED: {
    status: 400,
    description:
      'The client speaks a realtime protocol version this server does not; the socket closes (4001).',
  },
  INTERNAL: { status: 500, description: 'Unexpected server error; nothing already stored was lost.' },
  PREVIEW_INVALID: {
    status: 410,
    description:
      'The rule preview link is unknown, expired, or for another widget; the page behaves normally.',
  },
  HANDOVER_INVALID: {
    status: 403,
    description:
      "The chat window's handover token is unknown, already used, expired, for another widget or not from an allowed page; the window is closed.",
  },
  FORBIDDEN_ORIGIN: {
    status: 403,
    description:
      "A state-changing request carrying the session cookie did not come from the console's own origin (checked with `Origin`, else `Sec-Fetch-Site`).",
  },
  LAST_ADMIN: {
    status: 409,
    description: 'The change would leave no active admin: disable, delete or demote another admin first.',
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    description:
      'The account signed in with a temporary password: change it (`POST /v1/account/password`) before anything else.',
  },
  TWO_FACTOR_ENROLMENT_REQUIRED: {
    status: 403,
    description:
      'Your role must use two-factor sign-in: enrol (`/v1/account/two-factor`) before anything else.',
  },
  INVALID_TWO_FACTOR_CODE: {
    status: 401,
    description: 'The two-factor code or recovery code is wrong or used, or the sign-in step expired.',
  },
  WRONG_PASSWORD: { status: 403, description: 'The current password given is wrong.' },
  MALFORMED_REQUEST: {
    status: 400,
    description:
      'The request itself is malformed: a bad percent-encoding, a path that is not a plain file name, or an unreadable request line or header.',
  },
  TOO_MANY_CONNECTIONS: { status: 429, description: 'Too many sockets of this kind open from this address.' },
  LOGIN_THROTTLED: {
    status: 429,
    description: 'Too many failed sign-ins for this email; wait for Retry-After.',
  },
  API_TOKEN_INVALID: {
    status: 401,
    description:
      'The `Authorization: Bearer` token is unknown, malformed or revoked, or the admin who created it can no longer sign in.',
  },
  API_TOKEN_EXPIRED: { status: 401, description: 'The API token passed its expiry; create a new one.' },
  API_TOKEN_SCOPE: {
    status: 403,
    description:
      "The API token's scopes do not include the one this route needs, or the route takes a signed-in session only.",
  },
  API_TOKEN_RATE_LIMITED: {
    status: 429,
    description: 'Too many requests with this API token in the last minute; wait for Retry-After.',
  },
  PASSWORD_LOGIN_DISABLED: {
    status: 403,
    description: 'Password sign-in is turned off on this installation; sign in with single sign-on.',
  },
  SSO_NOT_CONFIGURED: { status: 404, description: 'Single sign-on is not configured on this installation.' },
  SSO_FAILED: {
    status: 400,
    description:
      'The single sign-on round trip failed (expired or tampered state, refused by the identity provider, unverified e-mail, or a disabled account).',
  },
  SSO_NO_ROLE: {
    status: 403,
    description: "The identity provider's role claim carries no value mapped to a Beckon role.",
  },
  SSO_DISCOVERY_FAILED: {
    status: 422,
    description:
      "The identity provider's OpenID Connect discovery document could not be read from the issuer URL (unreachable, not https, or not a provider).",
  },
  SSO_SETTINGS_INVALID: {
    status: 422,
    description:
      'The single sign-on settings were refused: incomplete, a field set by the environment, or password sign-in turned off while no admin could sign in with single sign-on.',
  },
  WEBHOOK_ADDRESS_REFUSED: {
    status: 400,
    description:
      'The webhook URL is not https, or its host resolves to a loopback, private or link-local address (allowed only with BECKON_WEBHOOKS_ALLOW_PRIVATE=true).',
  },
  WEBHOOK_LIMIT_REACHED: {
    status: 409,
    description: 'The installation already has the most webhook endpoints allowed (20): delete one first.',
  },
  FILE_TOO_LARGE: {
    status: 413,
    description: "The file is larger than the widget's attachment size limit (10 MB unless set).",
  },
  FILE_TYPE_REFUSED: {
    status: 415,
    description:
      "The file's content (read from its bytes, not its name or declared type) is not an allowed type, or is empty.",
  },
  FILE_NOT_FOUND: {
    status: 404,
    description: 'No such file in a conversation you may see (or it was deleted by retention or erasure).',
  },
  FILE_LINK_INVALID: {
    status: 403,
    description:
      'The file link of a transcript e-mail has expired or was not signed by this server (altered, or for another file).',
  },
  FILE_RATE_LIMITED: {
    status: 429,
    description: 'Too many files sent in a short time by this participant; wait for Retry-After.',
  },
  FILE_QUARANTINED: {
    status: 422,
    description:
      "The installation's antivirus (ClamAV) flagged the file: it is not stored for download, and the refusal is in the audit log with the signature's name.",
  },
  FILE_SCAN_UNAVAILABLE: {
    status: 503,
    description:
      'The installation scans files with ClamAV and it did not answer in time: files cannot be checked now, so none are accepted. Try again later.',
  },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof errorCodes;

export const errorCodeList = Object.keys(errorCodes) as ErrorCode[];

export function httpStatusOf(code: ErrorCode): number {
  return errorCodes[code].status;
}

/** Numeric codes of the incumbent SDK's `lcw:error` for the auth token provider. */
export const sdkAuthErrorNumbers: Partial<Record<ErrorCode, number>> = {
  AUTH_TOKEN_PROVIDER_FAILED: 2,
  AUTH_TOKEN_MISSING: 3,
  AUTH_TOKEN_INVALID: 4,
};
