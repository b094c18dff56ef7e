import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { TrustProxy } from '../config.ts';

export type TrustFunction = (address: string, hop: number) => boolean;

/**
 * BECKON_TRUST_PROXY as the one predicate both Fastify (`request.ip`, so rate limits) and the WebSocket upgrade
 * (the visitor's location) use: which hops of X-Forwarded-For to believe, nearest first.
 */
export function trustFunction(trust: TrustProxy): TrustFunction | false {
  if (trust === false) return false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return proxyAddr.compile(trust);
}

/** The client's address: the socket's peer, or the first untrusted address in X-Forwarded-For. */
export function clientAddress(request: IncomingMessage, trust: TrustFunction | false): string {
  if (trust === false) return request.socket.remoteAddress ?? '';
  return proxyAddr(request, trust);
}
