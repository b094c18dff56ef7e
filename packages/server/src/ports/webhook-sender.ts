/** Outgoing webhook requests: the only way Beckon calls other servers' URLs. */

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What came back: the status and the start of the body (bounded), for the delivery log. */
export interface WebhookResponse {
  status: number;
  body: string;
}

/** A URL or an address the sender will not call, with the reason in words. */
export class WebhookAddressRefused extends Error {
  override readonly name = 'WebhookAddressRefused';
}

export interface WebhookSender {
  /**
   * Throws `WebhookAddressRefused` when the URL may not be called: not https (unless allowed), or a host
   * resolving to a loopback, private, link-local or otherwise non-public address (unless allowed).
   */
  checkUrl(url: string): Promise<void>;
  /**
   * POSTs the body. The address is checked again when connecting (a host can resolve differently by then);
   * throws on a refused address, a network error or the per-attempt timeout. Any HTTP status is an answer.
   */
  send(request: WebhookRequest): Promise<WebhookResponse>;
}
