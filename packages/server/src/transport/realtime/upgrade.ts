import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ErrorCode, httpStatusOf } from '@beckon/protocol';
import { clientAddress, type TrustFunction } from '../client-address.ts';

/** Refuses an upgrade with a plain HTTP answer carrying the stable error body; the socket never opens. */
export function refuseUpgrade(socket: Duplex, code: ErrorCode, message: string): void {
  const status = httpStatusOf(code);
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${code}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * A page this node serves itself: the browser's `Origin` names the same host as the request. The visitor
 * gateway accepts it only for the chat window of `startChat({ inNewWindow: true })` (`&window=1`), never for
 * the demo shop or other pages on this host, which need an allowed origin like any site.
 */
export function isOwnOrigin(request: IncomingMessage): boolean {
  const { origin, host } = request.headers;
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/** What decides which pages may open the agent socket: a subset of the node's Config. */
export interface ConsoleOriginConfig {
  publicUrl?: string;
  /** Further origins serving the console, normalised (`scheme://host[:port]`). */
  consoleOrigins: readonly string[];
}

/**
 * The agent socket rides the session cookie, which a browser also sends from a sibling subdomain or another port
 * (SameSite=Lax treats both as same-site). So only the console's own pages may open it: an `Origin` naming this
 * node's host (the console is served here), BECKON_PUBLIC_URL, or one of BECKON_CONSOLE_ORIGINS. No Origin
 * (not a browser page) or `null` (a sandboxed frame, a file) is refused too.
 */
export function isConsoleOrigin(
  origin: string | undefined,
  host: string | undefined,
  config: ConsoleOriginConfig,
): boolean {
  if (!origin || origin === 'null') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (host && url.host === host.toLowerCase()) return true;
  if (config.publicUrl && new URL(config.publicUrl).origin === url.origin) return true;
  return config.consoleOrigins.includes(url.origin);
}

/** The client's address, believing X-Forwarded-For only as far as BECKON_TRUST_PROXY says (as Fastify does). */
export function clientIp(request: IncomingMessage, trust: TrustFunction | false = false): string {
  return clientAddress(request, trust);
}

export function cookieValue(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}
