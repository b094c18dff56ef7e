import http from 'node:http';
import https from 'node:https';
import {
  WebhookAddressRefused,
  type WebhookRequest,
  type WebhookResponse,
  type WebhookSender,
} from '../../ports/webhook-sender.ts';
import { checkHost, guardedLookup, literalAddress, refuseUnlessPublic } from './address-guard.ts';

export interface HttpWebhookSenderOptions {
  /** BECKON_WEBHOOKS_ALLOW_PRIVATE: plain http and non-public addresses allowed (a receiver on the same host). */
  allowPrivate: boolean;
  /** Per attempt: connecting, sending and the answer's headers and first bytes. */
  timeoutMs: number;
}

/** How much of an answer's body is kept for the delivery log. */
const responseBodyMaxBytes = 512;

/** POSTs webhooks with node's http client: no redirects followed, bounded answer, the address guarded. */
export class HttpWebhookSender implements WebhookSender {
  constructor(private readonly options: HttpWebhookSenderOptions) {}

  async checkUrl(url: string): Promise<void> {
    const parsed = this.parse(url);
    if (!this.options.allowPrivate) await checkHost(parsed.hostname);
  }

  async send(request: WebhookRequest): Promise<WebhookResponse> {
    const url = this.parse(request.url);
    const literal = literalAddress(url.hostname);
    if (!this.options.allowPrivate && literal !== undefined) refuseUnlessPublic(url.hostname, literal);
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const outgoing = client.request(
        url,
        {
          method: 'POST',
          headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
          signal: AbortSignal.timeout(this.options.timeoutMs),
          ...(!this.options.allowPrivate && { lookup: guardedLookup }),
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          let size = 0;
          incoming.on('data', (chunk: Buffer) => {
            if (size < responseBodyMaxBytes) chunks.push(chunk);
            size += chunk.length;
            // Enough for the log: the rest is not read.
            if (size >= responseBodyMaxBytes) incoming.destroy();
          });
          const done = () =>
            resolve({
              status: incoming.statusCode ?? 0,
              body: Buffer.concat(chunks).subarray(0, responseBodyMaxBytes).toString('utf8'),
            });
          incoming.on('end', done);
          incoming.on('close', done);
          incoming.on('error', done);
        },
      );
      outgoing.on('error', (error: Error) => {
        if (error instanceof WebhookAddressRefused) return reject(error);
        if (error.name === 'TimeoutError' || error.name === 'AbortError') {
          return reject(new Error(`No answer within ${this.options.timeoutMs} ms.`));
        }
        reject(new Error(`Could not send: ${error.message}`));
      });
      outgoing.end(request.body);
    });
  }

  private parse(url: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new WebhookAddressRefused('The URL is not valid.');
    }
    const allowed = this.options.allowPrivate ? ['https:', 'http:'] : ['https:'];
    if (!allowed.includes(parsed.protocol)) {
      throw new WebhookAddressRefused('The URL must start with https://.');
    }
    return parsed;
  }
}
