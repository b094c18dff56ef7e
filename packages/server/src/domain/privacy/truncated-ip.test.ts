import { describe, expect, it } from 'vitest';
import { truncatedIp } from './truncated-ip.ts';

describe('truncatedIp', () => {
  it('keeps the /24 of an IPv4 address', () => {
    expect(truncatedIp('203.0.113.57')).toBe('203.0.113.0');
    expect(truncatedIp('::ffff:198.51.100.9')).toBe('198.51.100.0');
  });

  it('keeps the /48 of an IPv6 address', () => {
    expect(truncatedIp('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3::');
    expect(truncatedIp('::1')).toBe('::');
  });

  it('answers nothing for what is not an address', () => {
    expect(truncatedIp('')).toBe('');
    expect(truncatedIp('not-an-ip')).toBe('');
    expect(truncatedIp('999.1.1.1')).toBe('');
  });
});
