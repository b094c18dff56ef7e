import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ErrorCode, httpStatusOf } from '@beckon/protocol';
import { clientAddress, type TrustFunction } from '../client-address.ts';
import { type ConsoleOrigins, requestOrigin } from '../console-origins.ts';

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

/**
 * The agent socket rides the session cookie, which a browser also sends from a sibling subdomain or another port
 * (SameSite=Lax treats both as same-site). So only the console's own pages may open it: an `Origin` naming this
 * node's host (the console is served here; either scheme, since TLS may end at a proxy), BECKON_PUBLIC_URL, or one
 * of BECKON_CONSOLE_ORIGINS — the same rule as state-changing HTTP requests. No Origin (not a browser page) or
 * `null` (a sandboxed frame, a file) is refused too.
 */
export function isConsoleOrigin(
  origin: string | undefined,
  host: string | undefined,
  consoleOrigins: ConsoleOrigins,
): boolean {
  if (!origin) return false;
  const scheme = origin.toLowerCase().startsWith('https:') ? 'https' : 'http';
  return consoleOrigins.allows(origin, requestOrigin(scheme, host));
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
