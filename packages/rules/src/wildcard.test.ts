import { describe, expect, it } from 'vitest';
import { compileWildcard } from './wildcard.ts';

describe('compileWildcard', () => {
  it('matches literal patterns exactly and case-sensitively', () => {
    const match = compileWildcard('/pricing');
    expect(match('/pricing')).toBe(true);
    expect(match('/Pricing')).toBe(false);
    expect(match('/pricing/')).toBe(false);
    expect(match('/pricin')).toBe(false);
  });

  it('lets * match any run of characters, including none and slashes', () => {
    const match = compileWildcard('/shop/*/checkout');
    expect(match('/shop//checkout')).toBe(true);
    expect(match('/shop/a/b/c/checkout')).toBe(true);
    expect(match('/shop/a/checkout/x')).toBe(false);
    expect(compileWildcard('*')('')).toBe(true);
    expect(compileWildcard('*')('anything/at/all')).toBe(true);
    expect(compileWildcard('a**b')('a/x/b')).toBe(true);
    expect(compileWildcard('*.pdf')('/docs/guide.pdf')).toBe(true);
    expect(compileWildcard('*.pdf')('/docs/guide.pdf?x')).toBe(false);
  });

  it('lets ? match exactly one character', () => {
    const match = compileWildcard('/p?ge');
    expect(match('/page')).toBe(true);
    expect(match('/p/ge')).toBe(true);
    expect(match('/pge')).toBe(false);
    expect(match('/paage')).toBe(false);
    expect(compileWildcard('?*')('')).toBe(false);
    expect(compileWildcard('?*')('x')).toBe(true);
  });

  it('treats regular-expression syntax as literal text', () => {
    expect(compileWildcard('/a.b')('/axb')).toBe(false);
    expect(compileWildcard('/a.b')('/a.b')).toBe(true);
    expect(compileWildcard('(a+)+$')('(a+)+$')).toBe(true);
    expect(compileWildcard('[ab]*')('a')).toBe(false);
    expect(compileWildcard('^x|y')('^x|y')).toBe(true);
  });

  it('handles the empty pattern', () => {
    expect(compileWildcard('')('')).toBe(true);
    expect(compileWildcard('')('a')).toBe(false);
  });

  it('stays fast on patterns that make backtracking engines explode', () => {
    const input = 'a'.repeat(100_000);
    const started = Date.now();
    expect(compileWildcard('a*a*a*a*a*a*a*b')(input)).toBe(false);
    expect(compileWildcard('*a*a*a*a*a*a*a*a*a*a*')(input)).toBe(true);
    expect(compileWildcard(`${'*a'.repeat(30)}*b`)(input)).toBe(false);
    expect(Date.now() - started).toBeLessThan(250);
  });

  it('reuses the compiled matcher for a pattern', () => {
    expect(compileWildcard('/cache/*')).toBe(compileWildcard('/cache/*'));
  });

  it('keeps working after the cache evicts old patterns', () => {
    const first = compileWildcard('/evict-me/*');
    for (let i = 0; i < 1_500; i++) compileWildcard(`/filler/${i}/*`);
    const again = compileWildcard('/evict-me/*');
    expect(again).not.toBe(first);
    expect(again('/evict-me/x')).toBe(true);
  });
});
