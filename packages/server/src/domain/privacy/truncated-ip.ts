import ipaddr from 'ipaddr.js';

/**
 * An address cut to its network, as Beckon keeps or logs it once the location is known: IPv4 to its /24,
 * IPv6 to its /48 (an IPv4-mapped IPv6 address is treated as the IPv4 it carries). Not an address: ''.
 */
export function truncatedIp(address: string): string {
  if (!ipaddr.isValid(address)) return '';
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') {
    const [a, b, c] = parsed.toByteArray();
    return `${a}.${b}.${c}.0`;
  }
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 3);
  return ipaddr.IPv6.parse(`${parts.map((p) => p.toString(16)).join(':')}::`).toString();
}
