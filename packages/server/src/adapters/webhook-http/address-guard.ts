import dns from 'node:dns';
import ipaddr from 'ipaddr.js';
import { WebhookAddressRefused } from '../../ports/webhook-sender.ts';

/**
 * Only public unicast addresses may be called: loopback, private (RFC 1918, unique-local), link-local (cloud
 * metadata lives there), carrier-grade NAT, multicast, reserved and the IPv6 ranges that embed an IPv4 address
 * are refused. IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** The host of a URL as an address when it is a literal one (`[::1]` without brackets), else undefined. */
export function literalAddress(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  return ipaddr.isValid(bare) ? bare : undefined;
}

export function refuseUnlessPublic(host: string, address: string): void {
  if (!isPublicAddress(address)) {
    throw new WebhookAddressRefused(`${host} resolves to ${address}, which is not a public address.`);
  }
}

/** Every address the host resolves to must be public (one private answer is enough to refuse). */
export async function checkHost(hostname: string): Promise<void> {
  const literal = literalAddress(hostname);
  if (literal !== undefined) return refuseUnlessPublic(hostname, literal);
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  } catch {
    throw new WebhookAddressRefused(`${hostname} does not resolve.`);
  }
  for (const { address } of addresses) refuseUnlessPublic(hostname, address);
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http(s).request that refuses non-public answers at connect time: the address connected to is
 * the one checked, so a host that resolved to a public address when the URL was saved and to a private one now
 * (DNS rebinding) is refused.
 */
export function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const refused = addresses.find(({ address }) => !isPublicAddress(address));
    if (refused) {
      return callback(
        new WebhookAddressRefused(
          `${hostname} resolves to ${refused.address}, which is not a public address.`,
        ),
        [],
      );
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(new WebhookAddressRefused(`${hostname} does not resolve.`), []);
    callback(null, first.address, first.family);
  });
}
