import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import ipaddr from 'ipaddr.js';
import type { TrustFunction } from '../client-address.ts';
import type { ConsoleOrigins } from '../console-origins.ts';
import { clientIp, isConsoleOrigin, refuseUpgrade } from './upgrade.ts';

export type SocketKind = 'visitor' | 'agent';

export interface AdmissionConfig {
  consoleOrigins: ConsoleOrigins;
  /** Sockets of each kind one client address may hold open on this node at once. */
  maxSocketsPerAddress: Record<SocketKind, number>;
}

/**
 * The address a cap counts against: an IPv4 address (IPv4-mapped IPv6 included) as is, an IPv6 address by its
 * /64, which one host usually holds whole.
 */
export function capKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${(parsed as ipaddr.IPv6).parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(':')}::/64`;
}

/**
 * The checks every realtime upgrade passes before its gateway reads anything: the agent socket only from the
 * console's origins, and at most N sockets of a kind per client address (behind BECKON_TRUST_PROXY, the client's
 * own address). A socket counts from its upgrade request until its TCP connection closes, whatever the gateway
 * then decides, so a refused or never-identified socket is counted while it exists.
 */
export class UpgradeAdmission {
  private readonly open = new Map<string, number>();

  constructor(
    private readonly config: AdmissionConfig,
    private readonly trust: TrustFunction | false,
  ) {}

  /** True when the upgrade may go on; otherwise it has been refused with the error body. */
  admit(kind: SocketKind, request: IncomingMessage, socket: Duplex): boolean {
    if (
      kind === 'agent' &&
      !isConsoleOrigin(request.headers.origin, request.headers.host, this.config.consoleOrigins)
    ) {
      refuseUpgrade(socket, 'ORIGIN_NOT_ALLOWED', 'Only the console may open the agent socket.');
      return false;
    }
    const key = `${kind} ${capKey(clientIp(request, this.trust))}`;
    const count = this.open.get(key) ?? 0;
    if (count >= this.config.maxSocketsPerAddress[kind]) {
      refuseUpgrade(socket, 'TOO_MANY_CONNECTIONS', `Too many ${kind} sockets from this address.`);
      return false;
    }
    this.open.set(key, count + 1);
    // `on`, not `once` (a socket closes once): no wrapper per socket.
    socket.on('close', () => {
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    });
    return true;
  }

  /** Sockets counted now for this kind and address (for tests and diagnostics). */
  openCount(kind: SocketKind, address: string): number {
    return this.open.get(`${kind} ${capKey(address)}`) ?? 0;
  }
}
