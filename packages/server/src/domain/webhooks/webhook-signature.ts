import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new endpoint secret in the Standard Webhooks format: `whsec_` and the base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The Standard Webhooks headers of one attempt. During a rotation's overlap the body is signed with both the
 * new and the previous secret (space-separated signatures), so a receiver holding either one accepts it.
 */
export function signedHeaders(
  msgId: string,
  atMs: number,
  body: string,
  secrets: string[],
): Record<string, string> {
  const timestamp = new Date(Math.floor(atMs / 1000) * 1000);
  const signatures = secrets.map((secret) => new Webhook(secret).sign(msgId, timestamp, body));
  return {
    'content-type': 'application/json',
    'user-agent': 'Beckon-Webhooks',
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(atMs / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
